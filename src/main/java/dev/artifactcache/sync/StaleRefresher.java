package dev.artifactcache.sync;

import dev.artifactcache.index.SearchRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic refresher: re-syncs every stale document (files checked longer than the TTL ago),
 * a page at a time, so that documents nobody reads are kept fresh too and single syncs never
 * wait long behind it. An unchanged file costs a stat and a hash; only its synced_at moves.
 */
public final class StaleRefresher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StaleRefresher.class.getName());

    private final BatchSync batches;
    private final Clock clock;
    private final Duration ttl;
    private final int batchSize;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("stale-refresher").factory());

    /**
     * @param batchSize stale documents per page, each page synced in one transaction per collection
     */
    public StaleRefresher(BatchSync batches, Clock clock, Duration ttl, int batchSize) {
        this.batches = batches;
        this.clock = clock;
        this.ttl = ttl;
        this.batchSize = batchSize;
    }

    /** Runs {@link #refreshOnce()} every {@code interval}, the first one interval from now. */
    public void start(Duration interval) {
        start(interval, () -> true);
    }

    /** {@link #start(Duration)}, skipping the runs while {@code active} is false (another node is the ingester). */
    public void start(Duration interval, BooleanSupplier active) {
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            if (active.getAsBoolean()) {
                refreshLogged();
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Re-syncs the documents stale as of now. Each is visited once, even one whose sync cannot
     * move its synced_at (its collection's manifest is broken): the walk follows a cursor.
     */
    public BatchReport refreshOnce() {
        long started = System.nanoTime();
        Instant staleBefore = clock.instant().minus(ttl);
        SearchRequest stale = SearchRequest.builder().stale(true, staleBefore).limit(batchSize).build();
        List<SyncReport> reports = new ArrayList<>();
        batches.forEachPage(stale, page -> reports.addAll(
                batches.artifacts(BatchSync.byCollection(page.stream().map(ArtifactRef::of).toList())).reports()));
        return new BatchReport(reports, Duration.ofNanos(System.nanoTime() - started));
    }

    private void refreshLogged() {
        try {
            BatchReport report = refreshOnce();
            if (report.scanned() > 0) {
                LOG.info(() -> "event=refresh_stale " + SyncLog.counts(report.counts()) + " ms=" + report.took().toMillis());
            }
        } catch (RuntimeException e) {
            // Thrown out of a scheduled task, it would cancel every later run.
            LOG.log(Level.WARNING, "event=refresh_stale_failed reason=\"" + e.getMessage() + "\"", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
