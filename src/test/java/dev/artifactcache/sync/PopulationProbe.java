package dev.artifactcache.sync;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.Settings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measurement aid, not a test: process CPU and wall time of a cold population of a home, run
 * several times in one JVM on a fresh data folder each, so that the later rounds show the
 * population's own work without the JIT's. No file watcher. Arguments: home, rounds.
 */
final class PopulationProbe {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= rounds; round++) {
            Path data = Files.createTempDirectory("population-probe");
            Settings settings = Settings.from(Config.just(ConfigSources.create(Map.of("cache.watch", "false"))),
                    Map.of("SKILLMEAT_HOME", home.toString(), "ARTIFACT_CACHE_DATA", data.toString()));
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            try (ArtifactCache cache = ArtifactCache.open(settings, Clock.systemUTC())) {
                cache.population().run();
                System.out.printf("round %d: %s, wall %.1f s, process CPU %.1f s, documents %d%n", round,
                        cache.population().status().state(), (System.nanoTime() - wall) / 1e9,
                        (os.getProcessCpuTime() - cpu) / 1e9, cache.index().documentCount());
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            System.gc();
        }
    }
}
