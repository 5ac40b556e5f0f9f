package dev.artifactcache.sync;

import dev.artifactcache.store.ArtifactRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stale-while-revalidate: a read that returned stale documents hands them here and answers at
 * once; they are re-synced in the background. An artifact has at most one pending re-sync,
 * however many reads see it stale meanwhile, and one drain at a time works the queue in batches.
 */
public final class StaleRevalidator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StaleRevalidator.class.getName());
    /** Artifacts per drain step: one H2 transaction per collection of each step. */
    static final int BATCH = 500;

    private final BatchSync batches;
    private final Executor executor;
    private final BooleanSupplier active;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Queue<ArtifactRef> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong resynced = new AtomicLong();

    /**
     * @param executor runs the drains; an {@link ExecutorService} is shut down by {@link #close()}
     */
    public StaleRevalidator(BatchSync batches, Executor executor) {
        this(batches, executor, () -> true);
    }

    /** @param active false while another node is the ingester: it revalidates, this node only reads */
    public StaleRevalidator(BatchSync batches, Executor executor, BooleanSupplier active) {
        this.batches = batches;
        this.executor = executor;
        this.active = active;
    }

    /** Queues the rows synced before {@code staleBefore} that are not queued yet; never blocks on a sync. */
    public void offer(Collection<ArtifactRow> rows, Instant staleBefore) {
        if (!active.getAsBoolean()) {
            return;
        }
        boolean queued = false;
        for (ArtifactRow row : rows) {
            if (row.syncedAt().isBefore(staleBefore) && pending.add(row.key())) {
                queue.add(ArtifactRef.of(row));
                queued = true;
            }
        }
        if (queued) {
            scheduleDrain();
        }
    }

    /** Artifacts queued and not yet re-synced. */
    public int pendingCount() {
        return pending.size();
    }

    /** Artifacts re-synced since start (whatever the outcome). */
    public long resyncedCount() {
        return resynced.get();
    }

    private void scheduleDrain() {
        if (!draining.compareAndSet(false, true)) {
            return; // the running drain takes what was just queued
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            draining.set(false); // closing: the refresher of the next start catches up
        }
    }

    private void drain() {
        try {
            List<ArtifactRef> batch;
            while (!(batch = take()).isEmpty()) {
                try {
                    batches.artifacts(BatchSync.byCollection(batch));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "event=revalidate_failed artifacts=" + batch.size()
                            + " reason=\"" + e.getMessage() + "\"", e);
                } finally {
                    // Removed only now: a read during the sync must not queue the same artifact again.
                    batch.forEach(ref -> pending.remove(ref.key()));
                    resynced.addAndGet(batch.size());
                }
            }
        } finally {
            draining.set(false);
            if (!queue.isEmpty()) {
                scheduleDrain(); // queued after the last take, before draining was cleared
            }
        }
    }

    private List<ArtifactRef> take() {
        List<ArtifactRef> batch = new ArrayList<>();
        ArtifactRef ref;
        while (batch.size() < BATCH && (ref = queue.poll()) != null) {
            batch.add(ref);
        }
        return batch;
    }

    @Override
    public void close() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
            try {
                service.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
