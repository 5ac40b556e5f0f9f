package dev.artifactcache.bench;

import dev.artifactcache.Main;
import dev.artifactcache.sync.PopulationStatus;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The training run of the JVM's AOT cache (JDK 25+, JEP 483/514/515), which {@code etc/artifact-cache}
 * runs with {@code -XX:AOTCacheOutput} when the cache beside the jar is missing or older than the jar
 * (README, "Command line"). It does what a user's service does, on a small generated home in a temporary
 * folder: a cold start that populates, searches of every kind, edits synced by the route and the
 * watcher, then a warm restart on the same data and more searches. The cache then holds the classes
 * these loaded, already linked, and the profiles of their hot methods, so a later start neither
 * loads nor profiles them again. Nothing of the user's configuration is read: no data of theirs is
 * touched, whatever database their configuration names.
 */
public final class AotTraining {

    /** Enough chunks of the population and requests for the hot methods to be profiled, in a few seconds. */
    private static final int ARTIFACTS = 2_000;
    private static final int COLD_REQUESTS = 1_000;
    private static final int WARM_REQUESTS = 300;
    private static final int EDITS = 20;
    private static final long SEED = 42;
    private static final Duration POPULATION_TIMEOUT = Duration.ofMinutes(5);

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("artifact-cache-aot-training");
        try {
            train(work);
        } finally {
            Bench.deleteTree(work);
        }
    }

    /** The training's work in {@code work} (left there); fails when the service answers anything but success. */
    static void train(Path work) throws IOException, InterruptedException {
        Path home = work.resolve("home");
        Path data = work.resolve("data");
        HomeGenerator.GeneratedHome generated = HomeGenerator.generate(home, new HomeGenerator.Spec(ARTIFACTS, SEED, 1));
        String collection = HomeGenerator.collectionName(0);
        List<QueryMix.Query> distinct = DistinctMix.build(collection, COLD_REQUESTS, SEED);
        Main.Running cold = start(home, data);
        try (LoopbackClient client = new LoopbackClient(cold.server().port())) {
            awaitPopulation(cold);
            DistinctMix.firstTookMs(client, distinct);
            QueryMix.check(client, QueryMix.build(client, collection));
            EditScenarios edits = new EditScenarios(client, home, generated.editable());
            EditScenarios.Outcome synced = edits.syncArtifact(EDITS);
            if (synced.skipped() != null || synced.errors() > 0) {
                throw new IOException("the training run's edits failed: " + (synced.skipped() != null ? synced.skipped() : synced.firstErrors()));
            }
            edits.watcher(EDITS / 5, Duration.ofSeconds(3), Duration.ofSeconds(3));
            edits.restore();
            client.get("/observe/health");
            client.get("/observe/metrics");
        } finally {
            cold.stop();
        }
        Main.Running warm = start(home, data);
        try (LoopbackClient client = new LoopbackClient(warm.server().port())) {
            DistinctMix.firstTookMs(client, distinct.subList(0, Math.min(WARM_REQUESTS, distinct.size())));
            awaitPopulation(warm);
        } finally {
            warm.stop();
        }
    }

    /** The service on {@code home} and {@code data}, on a free loopback port, with the built-in settings only. */
    private static Main.Running start(Path home, Path data) throws IOException {
        Config config = Config.builder()
                .disableSystemPropertiesSource()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(Map.of("server.host", "127.0.0.1", "server.port", "0")))
                .build();
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        return Main.start(config, Map.of("SKILLMEAT_HOME", home.toString(), "ARTIFACT_CACHE_DATA", data.toString()), err)
                .orElseThrow(() -> new IOException("the service did not start for the training run (see above)"));
    }

    private static void awaitPopulation(Main.Running running) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + POPULATION_TIMEOUT.toNanos();
        while (true) {
            PopulationStatus.State state = running.cache().population().status().state();
            if (state == PopulationStatus.State.DONE) {
                return;
            }
            if (state == PopulationStatus.State.FAILED || System.nanoTime() > deadline) {
                throw new IOException("the training run's population ended " + state);
            }
            Thread.sleep(20);
        }
    }
}
