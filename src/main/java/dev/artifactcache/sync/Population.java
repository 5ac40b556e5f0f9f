package dev.artifactcache.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The startup population (the ingester's): brings the index in step with the database, then syncs every collection on disk
 * (and removes the ones gone from it), logging one {@code key=value} line per collection and a
 * summary. Runs in the background: the server answers from the index meanwhile.
 */
public final class Population implements Runnable {

    private static final Logger LOG = Logger.getLogger(Population.class.getName());
    /** Documents written anew (created or updated) from which the population merges the index into one segment. */
    static final int COMPACT_FROM = 10_000;

    private final Synchronizer synchronizer;
    private final IndexMirror mirror;
    private final Clock clock;
    private volatile PopulationStatus status = PopulationStatus.NOT_STARTED;
    private volatile Duration lastDuration = Duration.ZERO;
    private final AtomicBoolean retrying = new AtomicBoolean();

    public Population(Synchronizer synchronizer, IndexMirror mirror, Clock clock) {
        this.synchronizer = synchronizer;
        this.mirror = mirror;
        this.clock = clock;
    }

    public PopulationStatus status() {
        return status;
    }

    /** How long the last finished population took (zero before the first one ends). */
    public Duration lastDuration() {
        return lastDuration;
    }

    /**
     * Runs the population until it succeeds, waiting {@code retry} after a failure (a database
     * that is down, a duplicate from a race the database refused), as long as {@code wanted} holds.
     */
    public void runUntilDone(BooleanSupplier wanted, Duration retry) {
        // A node that loses the lease and takes it back while its population still runs needs no second one.
        if (!retrying.compareAndSet(false, true)) {
            return;
        }
        try {
            while (wanted.getAsBoolean()) {
                run();
                if (status.state() != PopulationStatus.State.FAILED) {
                    return;
                }
                LOG.info(() -> "event=population_retry in_ms=" + retry.toMillis());
                Thread.sleep(retry.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            retrying.set(false);
        }
    }

    /**
     * A replica's start, on a node that is not the ingester: brings the index in step with the
     * database (rebuild or replay) without reading any file, then counts as done.
     */
    public void follow(int collections) {
        status = new PopulationStatus(PopulationStatus.State.RUNNING, 0, collections, 0, null, null);
        try {
            mirror.recover();
            LOG.info("event=replica_ready");
            status = new PopulationStatus(PopulationStatus.State.DONE, collections, collections, 0, null, clock.instant());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "event=replica_recover_failed reason=\"" + e.getMessage() + "\"", e);
            status = new PopulationStatus(PopulationStatus.State.FAILED, 0, collections, 0,
                    String.valueOf(e.getMessage()), clock.instant());
        }
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        status = new PopulationStatus(PopulationStatus.State.RUNNING, 0, 0, 0, null, null);
        try {
            mirror.recover();
            List<String> collections = synchronizer.knownCollections();
            LOG.info(() -> "event=population_start collections=" + collections.size());
            Map<Outcome, Integer> totals = new EnumMap<>(Outcome.class);
            long artifacts = 0;
            for (int i = 0; i < collections.size(); i++) {
                status = new PopulationStatus(PopulationStatus.State.RUNNING, i, collections.size(), artifacts, null, null);
                SyncReport report = synchronizer.sync(collections.get(i), Selection.ALL);
                LOG.info(SyncLog.line("population_collection", report));
                report.counts().forEach((outcome, count) -> totals.merge(outcome, count, Integer::sum));
                artifacts += report.scanned();
            }
            if (totals.getOrDefault(Outcome.CREATED, 0) + totals.getOrDefault(Outcome.UPDATED, 0) >= COMPACT_FROM) {
                mirror.compact();
            }
            mirror.commit();
            lastDuration = Duration.ofNanos(System.nanoTime() - started);
            long ms = lastDuration.toMillis();
            long scanned = artifacts;
            LOG.info(() -> "event=population_done collections=" + collections.size() + " " + SyncLog.counts(totals)
                    + " ms=" + ms);
            status = new PopulationStatus(PopulationStatus.State.DONE, collections.size(), collections.size(),
                    scanned, null, clock.instant());
        } catch (RuntimeException | java.io.IOException e) {
            LOG.log(Level.SEVERE, "event=population_failed reason=\"" + e.getMessage() + "\"", e);
            status = new PopulationStatus(PopulationStatus.State.FAILED, status.collectionsDone(),
                    status.collectionsTotal(), status.artifactsDone(), String.valueOf(e.getMessage()), clock.instant());
        }
    }
}
