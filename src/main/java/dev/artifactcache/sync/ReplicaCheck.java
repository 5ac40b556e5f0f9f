package dev.artifactcache.sync;

import dev.artifactcache.store.ArtifactStore;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic check that keeps a replica honest (every {@code cache.nodes.replica-check}): {@link IndexMirror#verify()} compares the index
 * with the live rows at one seq and rebuilds it on a difference. The ingester also forgets touches
 * older than the TTL (see {@link ArtifactStore#pruneTouches}).
 */
public final class ReplicaCheck implements Runnable {

    private static final Logger LOG = Logger.getLogger(ReplicaCheck.class.getName());

    private final IndexMirror mirror;
    private final ArtifactStore store;
    private final BooleanSupplier ingester;
    private final Clock clock;
    private final Duration ttl;

    public ReplicaCheck(IndexMirror mirror, ArtifactStore store, BooleanSupplier ingester, Clock clock, Duration ttl) {
        this.mirror = mirror;
        this.store = store;
        this.ingester = ingester;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public void run() {
        try {
            mirror.verify();
            if (ingester.getAsBoolean()) {
                store.pruneTouches(clock.instant().minus(ttl));
            }
        } catch (RuntimeException e) {
            // Thrown out of a scheduled task, it would cancel every later check.
            LOG.log(Level.WARNING, "event=replica_check_failed reason=\"" + e.getMessage() + "\"", e);
        }
    }
}
