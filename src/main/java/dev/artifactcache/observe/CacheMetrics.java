package dev.artifactcache.observe;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.collection.FileReads;
import dev.artifactcache.index.CollectionCount;
import dev.artifactcache.index.SyncProblemCounts;
import dev.artifactcache.store.CollectionState;
import dev.artifactcache.sync.BatchReport;
import dev.artifactcache.sync.Outcome;
import dev.artifactcache.sync.PopulationStatus.State;
import dev.artifactcache.sync.SyncReport;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The cache's meters in Helidon's registry. Counters and timers are fed by the reports the write
 * path publishes; gauges read state the cache keeps anyway, never the database, and those that
 * count the index (documents per collection, stale documents, failing artifacts) share one
 * snapshot, recounted after a write or when a second old, so a scrape never costs more than one count.
 */
public final class CacheMetrics implements AutoCloseable {

    private static final String PREFIX = "artifact_cache_";

    private final ArtifactCache cache;
    private final MeterRegistry registry;
    private final Map<Outcome, Counter> syncs = new EnumMap<>(Outcome.class);
    private final Timer syncSeconds;
    private final Timer refreshSeconds;
    private final Counter reads;
    private final Counter rateLimited;
    private final Counter syncWarnings;
    private final Map<String, Timer> queryTimers = new ConcurrentHashMap<>();
    private final Map<String, Meter> documentGauges = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> answers = new ConcurrentHashMap<>();
    /** When the last batch refresh finished, epoch seconds; 0 before the first. */
    private volatile double lastRefreshFinished;
    /** Meters that read this instance's state: removed on close, so a later cache in the same JVM starts clean. */
    private final List<Meter> owned = new CopyOnWriteArrayList<>();
    private final IndexSnapshot snapshot;

    private CacheMetrics(ArtifactCache cache, MeterRegistry registry) {
        this.cache = cache;
        this.registry = registry;
        this.snapshot = new IndexSnapshot(cache);
        for (Outcome outcome : Outcome.values()) {
            syncs.put(outcome, registry.getOrCreate(Counter.builder(PREFIX + "sync")
                    .description("Artifacts synced, by outcome").tags(List.of(Tag.create("outcome", outcome.wire())))));
        }
        syncSeconds = registry.getOrCreate(Timer.builder(PREFIX + "sync_seconds")
                .description("Duration of one sync of one collection (a selection or all of it)"));
        refreshSeconds = registry.getOrCreate(Timer.builder(PREFIX + "refresh_seconds")
                .description("Duration of one batch refresh (routes, refresher, revalidation)"));
        reads = registry.getOrCreate(Counter.builder(PREFIX + "reads").description("Reads answered from the index"));
        rateLimited = registry.getOrCreate(Counter.builder(PREFIX + "rate_limited")
                .description("Batch refresh requests refused with 429"));
        syncWarnings = registry.getOrCreate(Counter.builder(PREFIX + "sync_warnings")
                .description("Artifacts read with a warning (frontmatter read line by line, an unknown origin)"));
        own(Gauge.builder(PREFIX + "stale_documents", () -> snapshot.current().stale())
                .description("Documents older than the TTL"));
        own(Gauge.builder(PREFIX + "index_lag_seq", () -> cache.mirror().lag())
                .description("Database change sequence minus the sequence applied to the index"));
        own(Gauge.builder(PREFIX + "population_seconds", () -> cache.population().lastDuration().toNanos() / 1e9)
                .description("Duration of the last finished population"));
        // A gauge, not a counter: an artifact re-read with the same problem every 30 minutes is still one artifact.
        for (String severity : List.of("error", "warning")) {
            own(Gauge.builder(PREFIX + "failing_artifacts", () -> snapshot.current().problems(severity))
                    .description("Artifacts whose last read failed (error; their last good values are served) "
                            + "or that were read with a warning, now")
                    .tags(List.of(Tag.create("severity", severity))));
        }
        own(Gauge.builder(PREFIX + "last_refresh_finished_seconds", () -> lastRefreshFinished)
                .description("When the last batch refresh finished, seconds since the epoch; 0 before the first"));
        own(Gauge.builder(PREFIX + "population_failed", () -> cache.population().status().state() == State.FAILED ? 1 : 0)
                .description("1 when the last population of the index failed (its health check says why), else 0"));
        own(Gauge.builder(PREFIX + "build_info", () -> 1)
                .description("The running build; its version in the label")
                .tags(List.of(Tag.create("version", BuildVersion.version()))));
        own(FunctionalCounter.builder(PREFIX + "file_reads", cache, c -> FileReads.onReadRoutes())
                .description("Files read while serving a read route; stays 0"));
        own(FunctionalCounter.builder(PREFIX + "recoveries", cache, c -> c.recovery().isPresent() ? 1L : 0L)
                .description("Broken databases moved aside and rebuilt from the files at this start"));
        own(FunctionalCounter.builder(PREFIX + "watcher_events", cache, c -> c.watcher().eventsSeen())
                .description("File system events the watcher received"));
        cache.synchronizer().onReport(this::recordSync);
        cache.batches().onReport(this::recordRefresh);
        updateDocumentGauges();
    }

    /** Registers the cache's meters in Helidon's global registry, served at /observe/metrics. */
    public static CacheMetrics register(ArtifactCache cache) {
        return new CacheMetrics(cache, Metrics.globalRegistry());
    }

    /**
     * Serves one read: counts it, times it under {@code route}, and counts any file it reads
     * (none should be).
     */
    public <T> T read(String route, Supplier<T> work) {
        reads.increment();
        Timer timer = queryTimers.computeIfAbsent(route, r -> registry.getOrCreate(Timer.builder(PREFIX + "query_seconds")
                .description("Duration of reads served from the index, by route")
                .tags(List.of(Tag.create("route", r)))));
        return timer.record((Supplier<T>) () -> FileReads.duringReadRoute(work));
    }

    /** Counts one HTTP answer (see {@link HttpAnswers}) by method, route and status class ("2xx", "4xx", ...). */
    void answered(String method, String route, int status) {
        String statusClass = status / 100 + "xx";
        answers.computeIfAbsent(List.of(method, route, statusClass), key -> registry.getOrCreate(
                Counter.builder(PREFIX + "http_responses").description("HTTP answers by method, route and status class")
                        .tags(List.of(Tag.create("method", method), Tag.create("route", route),
                                Tag.create("status_class", statusClass))))).increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    private void recordSync(SyncReport report) {
        report.counts().forEach((outcome, count) -> syncs.get(outcome).increment(count));
        syncWarnings.increment(report.warnings());
        syncSeconds.record(report.took());
        snapshot.invalidate();
        updateDocumentGauges();
    }

    private void recordRefresh(BatchReport report) {
        refreshSeconds.record(report.took());
        lastRefreshFinished = cache.clock().millis() / 1000.0;
    }

    /** One gauge per known collection; collections come and go with syncs. */
    private void updateDocumentGauges() {
        Set<String> known = cache.catalog().all().stream().map(CollectionState::name).collect(Collectors.toSet());
        for (String collection : known) {
            documentGauges.computeIfAbsent(collection, c -> own(Gauge.builder(PREFIX + "documents",
                    () -> snapshot.current().documents(c)).description("Documents in the index, by collection")
                    .tags(List.of(Tag.create("collection", c)))));
        }
        documentGauges.keySet().removeIf(collection -> {
            if (known.contains(collection)) {
                return false;
            }
            Meter gauge = documentGauges.get(collection);
            registry.remove(gauge);
            owned.remove(gauge);
            return true;
        });
    }

    private <M extends Meter, B extends Meter.Builder<B, M>> M own(B builder) {
        M meter = registry.getOrCreate(builder);
        owned.add(meter);
        return meter;
    }

    @Override
    public void close() {
        owned.forEach(registry::remove);
        owned.clear();
        documentGauges.clear();
    }

    /** Per-collection, stale and failing counts from the index, recomputed at most once a second. */
    private static final class IndexSnapshot {
        private static final long MAX_AGE_NANOS = 1_000_000_000L;
        private final ArtifactCache cache;
        private volatile Counts counts;

        private record Counts(long takenNanos, Map<String, Long> byCollection, long stale, SyncProblemCounts problems) {
            long documents(String collection) {
                return byCollection.getOrDefault(collection, 0L);
            }

            long problems(String severity) {
                return severity.equals("error") ? problems.errors() : problems.warnings();
            }
        }

        IndexSnapshot(ArtifactCache cache) {
            this.cache = cache;
        }

        /** After a write the counts may have moved: the next scrape recounts. */
        void invalidate() {
            counts = null;
        }

        Counts current() {
            Counts last = counts;
            if (last != null && System.nanoTime() - last.takenNanos() < MAX_AGE_NANOS) {
                return last;
            }
            List<CollectionCount> all = cache.index().collections(cache.staleBefore());
            Counts fresh = new Counts(System.nanoTime(),
                    all.stream().collect(Collectors.toMap(CollectionCount::collection, CollectionCount::count)),
                    all.stream().mapToLong(CollectionCount::staleCount).sum(), cache.index().syncProblems(null));
            counts = fresh;
            return fresh;
        }
    }
}
