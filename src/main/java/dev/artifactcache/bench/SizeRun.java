package dev.artifactcache.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One size of the benchmark, in this order: generate the home; cold start (population from
 * nothing); check and run the query mix and the floor route with each client count; heap after a
 * full GC; stop; warm restart until the first query; the re-scan; the two edit scenarios; stop.
 */
final class SizeRun {

    /** Settings shared by every size. */
    record Plan(ServiceProcess.Launch launch, List<Integer> clients, long requests, long warmup, Duration maxPhase,
                Duration startTimeout, int syncEdits, int watcherEdits, Duration watcherProbe, long seed, int collections) {
    }

    private static final Pattern FILE_READS = Pattern.compile("(?m)^artifact_cache_file_reads_total(?:\\{[^}]*})?\\s+([0-9.eE+]+)");
    private static final Duration POLL = Duration.ofMillis(2);

    private final Plan plan;
    private final PrintStream log;

    SizeRun(Plan plan, PrintStream log) {
        this.plan = plan;
        this.log = log;
    }

    RunFigures run(int artifacts, Path folder) throws IOException {
        Path home = folder.resolve("home");
        Path data = folder.resolve("data");
        Path serviceLog = folder.resolve("service.log");
        log.printf("== %,d artifacts (work folder %s)%n", artifacts, folder);

        long started = System.nanoTime();
        HomeGenerator.GeneratedHome generated = HomeGenerator.generate(home, new HomeGenerator.Spec(artifacts, plan.seed(), plan.collections()));
        long generateMs = msSince(started);
        log.printf("generated in %.1f s (%.0f MB)%n", generateMs / 1e3, generated.bytes() / 1e6);

        String collection = HomeGenerator.collectionName(0);
        List<QueryMix.Checked> mix;
        List<LoadDriver.Result> queries = new ArrayList<>();
        List<LoadDriver.Result> floor = new ArrayList<>();
        Long heap;
        Long rss;
        Long fileReads;
        long coldListening;
        long coldReady;
        long coldPopulation;
        try (ServiceProcess cold = ServiceProcess.start(plan.launch(), home, data, serviceLog)) {
            coldListening = cold.listening(plan.startTimeout()).atNanos() - cold.launchedNanos();
            ServiceProcess.Event done = cold.populationDone(plan.startTimeout());
            coldReady = done.atNanos() - cold.launchedNanos();
            coldPopulation = done.value();
            log.printf("cold: listening after %d ms, populated after %d ms (population %d ms)%n",
                    toMs(coldListening), toMs(coldReady), coldPopulation);
            int port = (int) cold.listening(plan.startTimeout()).value();
            int floorPort = (int) cold.floor(plan.startTimeout()).value();
            List<QueryMix.Query> queryList;
            try (LoopbackClient client = new LoopbackClient(port)) {
                queryList = QueryMix.build(client, collection);
                mix = QueryMix.check(client, queryList);
            }
            List<QueryMix.Query> ping = List.of(new QueryMix.Query("floor", "GET /ping", "/ping"));
            log.printf("warm-up: %,d queries, %,d floor requests%n", plan.warmup(), plan.warmup());
            LoadDriver.run(port, queryList, 1, plan.warmup(), plan.maxPhase(), plan.seed());
            LoadDriver.run(floorPort, ping, 1, plan.warmup(), plan.maxPhase(), plan.seed());
            Double readsBefore = fileReads(port);
            for (int clients : plan.clients()) {
                floor.add(report("floor", LoadDriver.run(floorPort, ping, clients, plan.requests(), plan.maxPhase(), plan.seed())));
                queries.add(report("queries", LoadDriver.run(port, queryList, clients, plan.requests(), plan.maxPhase(), plan.seed())));
            }
            Double readsAfter = fileReads(port);
            fileReads = readsBefore == null || readsAfter == null ? null : Math.round(readsAfter - readsBefore);
            heap = cold.heapAfterFullGc().orElse(null);
            rss = cold.residentBytes().orElse(null);
            log.printf("heap after full GC: %s MB, RSS %s MB%n", heap == null ? "?" : heap / 1048576, rss == null ? "?" : rss / 1048576);
        }

        try (ServiceProcess warm = ServiceProcess.start(plan.launch(), home, data, serviceLog)) {
            long warmListening = warm.listening(plan.startTimeout()).atNanos() - warm.launchedNanos();
            int port = (int) warm.listening(plan.startTimeout()).value();
            long firstQuery = firstQuery(port, collection, warm.launchedNanos());
            long rescan = warm.populationDone(plan.startTimeout()).value();
            log.printf("warm restart: listening after %d ms, first query after %d ms; re-scan %d ms%n",
                    toMs(warmListening), toMs(firstQuery), rescan);
            EditScenarios.Outcome sync;
            EditScenarios.Outcome watcher;
            try (LoopbackClient client = new LoopbackClient(port)) {
                EditScenarios edits = new EditScenarios(client, home, generated.editable());
                sync = edits.syncArtifact(plan.syncEdits());
                log.println("sync-artifact: " + (sync.skipped() != null ? sync.skipped() : sync.samples() + " edits, " + sync.errors() + " errors"));
                watcher = edits.watcher(plan.watcherEdits(), plan.watcherProbe(), Duration.ofSeconds(10));
                log.println("watcher: " + (watcher.skipped() != null ? watcher.skipped() : watcher.samples() + " edits, " + watcher.errors() + " errors"));
                edits.restore();
            }
            return new RunFigures(generated, generateMs, toMs(coldListening), toMs(coldReady), coldPopulation, mix, queries, floor,
                    heap, rss, fileReads, toMs(warmListening), toMs(firstQuery), rescan, sync, watcher);
        }
    }

    private LoadDriver.Result report(String what, LoadDriver.Result result) {
        log.printf("%-7s %d client(s): %,d requests, %d errors, %,.0f req/s, p50 %s ms, p99 %s ms, max %s ms%n", what,
                result.clients(), result.requests(), result.errors(), result.throughput(), Targets.fmt(Targets.ms(result.all(), 50)),
                Targets.fmt(Targets.ms(result.all(), 99)), Targets.fmt(result.all().getMaxValue() / 1e6));
        result.firstErrors().forEach(error -> log.println("  " + error));
        return result;
    }

    /** Nanoseconds from launch until a listing request answers 200. */
    private long firstQuery(int port, String collection, long launchedNanos) throws IOException {
        String path = "/api/v1/user-collections/" + QueryMix.encode(collection) + "/artifacts?limit=20";
        long deadline = System.nanoTime() + plan.startTimeout().toNanos();
        try (LoopbackClient client = new LoopbackClient(port)) {
            while (System.nanoTime() < deadline) {
                if (client.get(path).status() == 200) {
                    return System.nanoTime() - launchedNanos;
                }
                sleep();
            }
        }
        throw new IOException("no listing query answered 200 within " + plan.startTimeout().toSeconds() + " s of the restart");
    }

    /** The service's {@code artifact_cache_file_reads_total}, or null when it does not export it. */
    private static Double fileReads(int port) throws IOException {
        try (LoopbackClient client = new LoopbackClient(port)) {
            LoopbackClient.Response metrics = client.get("/observe/metrics");
            if (metrics.status() != 200) {
                return null;
            }
            Matcher matcher = FILE_READS.matcher(metrics.text());
            double total = 0;
            boolean found = false;
            while (matcher.find()) {
                total += Double.parseDouble(matcher.group(1));
                found = true;
            }
            return found ? total : null;
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static long msSince(long startedNanos) {
        return toMs(System.nanoTime() - startedNanos);
    }

    private static long toMs(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
