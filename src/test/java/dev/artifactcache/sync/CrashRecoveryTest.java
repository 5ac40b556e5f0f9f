package dev.artifactcache.sync;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.MutableClock;
import dev.artifactcache.Settings;
import dev.artifactcache.TestHome;
import dev.artifactcache.store.ArtifactRow;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service killed with SIGKILL in the middle of its population comes back consistent. */
class CrashRecoveryTest {

    private static final int ARTIFACTS = 4000;

    @TempDir
    Path tmp;

    @Test
    void restartAfterKillMidPopulationIsConsistent() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home")).skills("default", ARTIFACTS);
        Path data = tmp.resolve("data");
        Process child = startService(home.root(), data);
        try {
            awaitLine(child, "event=population_start");
            awaitFirstRowsWritten(data.resolve("artifact-cache.mv.db"));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        Settings settings = Settings.from(Config.just(ConfigSources.create(Map.of())),
                Map.of("SKILLMEAT_HOME", home.root().toString(), "ARTIFACT_CACHE_DATA", data.toString()));
        try (ArtifactCache cache = ArtifactCache.open(settings, new MutableClock(Instant.parse("2026-11-20T10:00:00Z")))) {
            cache.population().run();
            assertEquals(PopulationStatus.State.DONE, cache.population().status().state());
            assertEquals(ARTIFACTS, cache.store().liveCount());
            assertEquals(ARTIFACTS, cache.index().documentCount());
            assertEquals(cache.store().maxSeq(), cache.index().appliedSeq());
            for (Iterator<ArtifactRow> rows = cache.store().liveRows(1000); rows.hasNext(); ) {
                ArtifactRow row = rows.next();
                assertEquals(row.metadata(), cache.index().get(row.collection(), row.id()).orElseThrow().metadata());
            }
        }
    }

    /** The real Main in its own JVM, as a user would run it. */
    private static Process startService(Path home, Path data) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.artifactcache.Main")
                .redirectErrorStream(true);
        builder.environment().put("SKILLMEAT_HOME", home.toString());
        builder.environment().put("ARTIFACT_CACHE_DATA", data.toString());
        builder.environment().put("ARTIFACT_CACHE_CONFIG", data.resolve("no-such-config.yaml").toString());
        builder.environment().put("SERVER_PORT", "0");
        return builder.start();
    }

    private static void awaitLine(Process child, String marker) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains(marker)) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
                return;
            }
        }
        throw new AssertionError("the service exited before logging " + marker);
    }

    /** Waits (at most a minute) until the database file has grown past its empty size. */
    private static void awaitFirstRowsWritten(Path dbFile) throws IOException, InterruptedException {
        long empty = Files.size(dbFile);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (Files.size(dbFile) <= empty && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
