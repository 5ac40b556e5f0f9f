package dev.artifactcache.sync;

import dev.artifactcache.store.IngestLease;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ingester role: the node that watches the files, runs the population, refreshes stale
 * documents and revalidates stale reads. With a shared database exactly one node holds it, by the
 * lease in the database, renewed every {@code renewal}; when the holder dies another node takes the
 * lease once it expires and starts the duties, population first, so edits made meanwhile are
 * picked up. On H2 (one node) this node always holds it.
 */
public final class Ingester implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Ingester.class.getName());

    /** What the holder does: started when the lease is taken, stopped when it is lost. */
    public interface Duties {
        /** Runs on a background thread; may take long (the population). */
        void start();

        void stop();
    }

    private final IngestLease lease;
    private final Duties duties;
    private final Executor background;
    private final Duration renewal;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ingest-lease").factory());
    private volatile boolean holds;

    /**
     * @param lease   the lease in the shared database, or null when this node is the only one
     * @param renewal how often the lease is renewed (or tried for): shorter than its length
     */
    public Ingester(IngestLease lease, Duties duties, Executor background, Duration renewal) {
        this.lease = lease;
        this.duties = duties;
        this.background = background;
        this.renewal = renewal;
        // The only node is the ingester from the start: reads may queue revalidations before start().
        this.holds = lease == null;
    }

    /** True while this node is the ingester. */
    public boolean holds() {
        return holds;
    }

    public void start() {
        if (lease == null) {
            take();
            return;
        }
        renewer.scheduleWithFixedDelay(this::renew, 0, renewal.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void renew() {
        boolean held;
        try {
            held = lease.renew();
        } catch (RuntimeException e) {
            // Without the database this node cannot know that no other holds the lease.
            LOG.log(Level.WARNING, "event=lease_renew_failed reason=\"" + e.getMessage() + "\"");
            held = false;
        }
        if (held && !holds) {
            take();
        } else if (!held && holds) {
            holds = false;
            LOG.info(() -> "event=lease_lost holder=" + lease.holder());
            duties.stop();
        }
    }

    private void take() {
        holds = true;
        LOG.info(() -> "event=lease_taken holder=" + (lease == null ? "local" : lease.holder()));
        background.execute(duties::start);
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (holds && lease != null) {
            holds = false;
            try {
                lease.release();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event=lease_release_failed reason=\"" + e.getMessage() + "\"");
            }
        }
    }
}
