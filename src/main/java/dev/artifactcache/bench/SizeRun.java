package dev.artifactcache.bench;

import dev.artifactcache.sync.CollectionWatcher;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One size of the benchmark, in this order: generate the home; cold start (population from
 * nothing); check the repeated mix, send each distinct request once (its first took_ms); run the
 * floor route, the distinct mix and the repeated ("cached") mix with each client count; the server's
 * time for text searches; heap after a full GC; stop; warm restart until the first query; the re-scan; the two edit scenarios
 * (sync-artifact after its unmeasured warm-up edits, then the watcher); stop.
 */
final class SizeRun {

    /** Settings shared by every size. */
    record Plan(ServiceProcess.Launch launch, List<Integer> clients, long requests, int distinct, long warmup, long warmupUnseen, Duration maxPhase,
                Duration startTimeout, int syncWarmup, int syncEdits, int watcherEdits, Duration watcherProbe, long seed, int collections) {
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
        log.printf("service JVM: %s%n", plan.launch().jvmArgs().stream().filter(option -> option.startsWith(RunSetUp.AOT_CACHE_OPTION))
                .map(option -> "AOT cache " + option.substring(RunSetUp.AOT_CACHE_OPTION.length())).findFirst().orElse("no AOT cache"));

        long started = System.nanoTime();
        HomeGenerator.GeneratedHome generated = HomeGenerator.generate(home, new HomeGenerator.Spec(artifacts, plan.seed(), plan.collections()));
        long generateMs = msSince(started);
        log.printf("generated in %.1f s (%.0f MB)%n", generateMs / 1e3, generated.bytes() / 1e6);
        // A home a service starts on is older than this: files dated within it of the population's
        // start may have changed while it read them, so the watcher syncs them again beside it (at
        // 100,000 a second sync of the whole collection, whose manifest is written last).
        pause(CollectionWatcher.TIMESTAMP_GRANULARITY.plusMillis(100));

        String collection = HomeGenerator.collectionName(0);
        List<QueryMix.Checked> mix;
        List<RunFigures.LoadRun> queries = new ArrayList<>();
        List<RunFigures.LoadRun> cached = new ArrayList<>();
        List<QueryMix.Query> distinct = DistinctMix.build(collection, plan.distinct(), plan.seed());
        Map<String, Histogram> firstTookMs;
        List<RunFigures.LoadRun> floor = new ArrayList<>();
        Long heap;
        Long rss;
        Long fileReads;
        RunFigures.Start cold;
        TextSearchTimes.Outcome textTimes;
        CpuUse.Sample beforeCold = CpuUse.Sample.take(0);
        try (ServiceProcess service = ServiceProcess.start(plan.launch(), home, data, serviceLog)) {
            long listening = service.listening(plan.startTimeout()).atNanos() - service.launchedNanos();
            ServiceProcess.Event done = service.populationDone(plan.startTimeout());
            CpuUse cpu = CpuUse.between(beforeCold, CpuUse.Sample.take(service.pid()));
            long ready = done.atNanos() - service.launchedNanos();
            cold = new RunFigures.Start(toMs(listening), toMs(ready), toMs(ready), done.value(), cpu, cpu);
            log.printf("cold: listening after %d ms, populated after %d ms (population %d ms); service CPU %.1f s, "
                    + "other processes %.1f cores%n", cold.listeningMs(), cold.readyMs(), cold.populationMs(), cpu.serviceSeconds(),
                    cpu.otherCores());
            int port = (int) service.listening(plan.startTimeout()).value();
            int floorPort = (int) service.floor(plan.startTimeout()).value();
            List<QueryMix.Query> queryList;
            try (LoopbackClient client = new LoopbackClient(port)) {
                queryList = QueryMix.build(client, collection);
                mix = QueryMix.check(client, queryList);
                firstTookMs = DistinctMix.firstTookMs(client, distinct);
            }
            log.printf("distinct mix: %,d requests, server took_ms of each one's first answer, p50 / p99 ms:%n", distinct.size());
            firstTookMs.forEach((kind, took) -> log.printf("  %-18s %s%n", kind, Targets.p50p99(took)));
            List<QueryMix.Query> ping = List.of(new QueryMix.Query("floor", "GET /ping", "/ping"));
            int mostClients = Collections.max(plan.clients());
            log.printf("warm-up: %,d queries, %,d unseen ones (%d clients), %,d floor requests%n", plan.warmup(), plan.warmupUnseen(),
                    mostClients, plan.warmup());
            LoadDriver.run(port, queryList, 1, plan.warmup(), plan.maxPhase(), plan.seed());
            LoadDriver.run(port, unseen(distinct, collection, plan.distinct(), plan.seed()), mostClients, plan.warmupUnseen(), plan.maxPhase(), plan.seed());
            LoadDriver.run(floorPort, ping, 1, plan.warmup(), plan.maxPhase(), plan.seed());
            Double readsBefore = fileReads(port);
            for (int clients : plan.clients()) {
                floor.add(load("floor", service, floorPort, ping, clients));
                queries.add(load("distinct", service, port, distinct, clients));
                cached.add(load("cached", service, port, queryList, clients));
            }
            try (LoopbackClient client = new LoopbackClient(port)) {
                textTimes = TextSearchTimes.measure(client, collection);
            }
            log.printf("text search, server took_ms p50 / p99 over %d words: new word %s, the same again %s, "
                    + "another tag %s ms%n", textTimes.words().size(), Targets.p50p99(textTimes.newWord()),
                    Targets.p50p99(textTimes.repeated()), Targets.p50p99(textTimes.newFilters()));
            Double readsAfter = fileReads(port);
            fileReads = readsBefore == null || readsAfter == null ? null : Math.round(readsAfter - readsBefore);
            heap = service.heapAfterFullGc().orElse(null);
            rss = service.residentBytes().orElse(null);
            log.printf("heap after full GC: %s MB, RSS %s MB%n", heap == null ? "?" : heap / 1048576, rss == null ? "?" : rss / 1048576);
        }

        CpuUse.Sample beforeWarm = CpuUse.Sample.take(0);
        try (ServiceProcess service = ServiceProcess.start(plan.launch(), home, data, serviceLog)) {
            long listening = service.listening(plan.startTimeout()).atNanos() - service.launchedNanos();
            int port = (int) service.listening(plan.startTimeout()).value();
            long firstQuery = firstQuery(port, collection, service.launchedNanos());
            CpuUse toFirstQuery = CpuUse.between(beforeWarm, CpuUse.Sample.take(service.pid()));
            ServiceProcess.Event rescan = service.populationDone(plan.startTimeout());
            CpuUse toRescanned = CpuUse.between(beforeWarm, CpuUse.Sample.take(service.pid()));
            RunFigures.Start warm = new RunFigures.Start(toMs(listening), toMs(firstQuery), toMs(rescan.atNanos() - service.launchedNanos()),
                    rescan.value(), toFirstQuery, toRescanned);
            log.printf("warm restart: listening after %d ms, first query after %d ms (service CPU %.1f s, other processes %.1f cores); "
                    + "re-scan %d ms%n", warm.listeningMs(), warm.readyMs(), toFirstQuery.serviceSeconds(), toFirstQuery.otherCores(),
                    warm.populationMs());
            EditScenarios.Outcome syncWarmup;
            EditScenarios.Outcome sync;
            CpuUse syncCpu;
            EditScenarios.Outcome watcher;
            try (LoopbackClient client = new LoopbackClient(port)) {
                EditScenarios edits = new EditScenarios(client, home, generated.editable());
                syncWarmup = edits.syncArtifact(plan.syncWarmup());
                log.println("sync-artifact warm-up: " + outcome(syncWarmup));
                CpuUse.Sample beforeSync = CpuUse.Sample.take(service.pid());
                sync = edits.syncArtifact(plan.syncEdits());
                syncCpu = CpuUse.between(beforeSync, CpuUse.Sample.take(service.pid()));
                // The service's CPU per edit (its sync, the watcher's, the searches) says more than the
                // latency on a shared machine; the JIT's share says how far from compiled the write path still is.
                int edited = Math.max(1, sync.samples());
                log.printf("sync-artifact: %s; service CPU %.2f ms/edit (JIT compiler %.2f), other processes %.1f cores%n", outcome(sync),
                        syncCpu.serviceSeconds() * 1000 / edited, syncCpu.jitSeconds() * 1000 / edited, syncCpu.otherCores());
                watcher = edits.watcher(plan.watcherEdits(), plan.watcherProbe(), Duration.ofSeconds(10));
                log.println("watcher: " + outcome(watcher));
                edits.restore();
            }
            return new RunFigures(generated, generateMs, cold, warm, mix, distinct.size(), firstTookMs, queries, cached, floor, textTimes, heap, rss, fileReads, syncWarmup,
                    sync, syncCpu, watcher);
        }
    }

    /**
     * {@code size} requests drawn like the distinct mix with the seed after {@code seed}, less any
     * that {@code measured} holds: they warm the same code paths without answering a measured
     * request from a cache.
     */
    static List<QueryMix.Query> unseen(List<QueryMix.Query> measured, String collection, int size, long seed) {
        Set<String> measuredPaths = measured.stream().map(QueryMix.Query::path).collect(Collectors.toSet());
        return DistinctMix.build(collection, size, seed + 1).stream()
                .filter(query -> !measuredPaths.contains(query.path())).toList();
    }

    private RunFigures.LoadRun load(String what, ServiceProcess service, int port, List<QueryMix.Query> queries, int clients)
            throws IOException {
        CpuUse.Sample before = CpuUse.Sample.take(service.pid());
        LoadDriver.Result result = LoadDriver.run(port, queries, clients, plan.requests(), plan.maxPhase(), plan.seed());
        RunFigures.LoadRun run = new RunFigures.LoadRun(result, CpuUse.between(before, CpuUse.Sample.take(service.pid())));
        log.printf("%-7s %d client(s): %,d requests, %d errors, %,.0f req/s, p50 %s ms, p99 %s ms, max %s ms; "
                        + "service CPU %.3f ms/request, other processes %.1f cores%n", what,
                result.clients(), result.requests(), result.errors(), result.throughput(), Targets.fmt(Targets.ms(result.all(), 50)),
                Targets.fmt(Targets.ms(result.all(), 99)), Targets.fmt(result.all().getMaxValue() / 1e6), run.serviceCpuMsPerRequest(),
                run.cpu().otherCores());
        result.firstErrors().forEach(error -> log.println("  " + error));
        return run;
    }

    private static String outcome(EditScenarios.Outcome outcome) {
        return outcome.skipped() != null ? outcome.skipped()
                : String.format(java.util.Locale.ROOT, "%d edits, %d errors, p50 %s ms, p99 %s ms", outcome.samples(), outcome.errors(),
                Targets.fmt(Targets.ms(outcome.latency(), 50)), Targets.fmt(Targets.ms(outcome.latency(), 99)));
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
                pause(POLL);
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

    private static void pause(Duration time) throws IOException {
        try {
            Thread.sleep(time);
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
