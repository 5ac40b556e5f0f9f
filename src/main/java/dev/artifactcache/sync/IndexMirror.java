package dev.artifactcache.sync;

import dev.artifactcache.index.ArtifactIndex;
import dev.artifactcache.store.ArtifactRow;
import dev.artifactcache.store.ArtifactStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;

/**
 * Keeps the index a projection of the rows: applies every row whose seq is above the index's
 * applied sequence, in seq order. The same function serves a single sync, a batch and the replay
 * at start, so there is one way for a change to reach the index.
 */
public final class IndexMirror {

    private static final Logger LOG = Logger.getLogger(IndexMirror.class.getName());
    private static final int PAGE = 1000;

    private final ArtifactStore store;
    private final ArtifactIndex index;
    private long committedSeq;
    private boolean touchedSinceCommit;

    public IndexMirror(ArtifactStore store, ArtifactIndex index) {
        this.store = store;
        this.index = index;
        this.committedSeq = index.appliedSeq();
    }

    /**
     * Brings the index in step with the rows at start: rebuilds it when it is missing, corrupt,
     * of another schema, or so far behind that a rebuild is cheaper than a replay; else replays
     * the gap. Commits, so a restart after this has nothing to replay.
     */
    public synchronized void recover() {
        long dbSeq = store.maxSeq();
        long gap = dbSeq - index.appliedSeq();
        try {
            if (index.needsRebuild() || gap < 0 || gap > Math.max(10_000, store.liveCount() / 2)) {
                long started = System.nanoTime();
                index.rebuild(store.liveRows(PAGE), dbSeq);
                LOG.info(() -> "event=index_rebuild documents=" + index.documentCount() + " seq=" + dbSeq
                        + " ms=" + (System.nanoTime() - started) / 1_000_000);
            } else if (gap > 0) {
                int replayed = catchUp();
                LOG.info(() -> "event=index_replay rows=" + replayed + " seq=" + dbSeq);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bring the index in step with the database", e);
        }
        commit();
    }

    /** Applies every row above the index's applied sequence; returns how many. */
    public synchronized int catchUp() {
        int applied = 0;
        try {
            List<ArtifactRow> rows;
            while (!(rows = store.changesAfter(index.appliedSeq(), PAGE)).isEmpty()) {
                index.apply(rows);
                applied += rows.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply rows to the index", e);
        }
        return applied;
    }

    /** Moves synced_at of documents whose files were found unchanged. */
    public synchronized void touch(String collection, Collection<String> ids, Instant syncedAt) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            index.touch(ids.stream().map(id -> ArtifactRow.key(collection, id)).toList(), syncedAt);
            touchedSinceCommit = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update synced_at in the index", e);
        }
    }

    /**
     * Makes what was applied durable; a no-op when nothing changed since the last commit. The
     * commit's fsync does not hold this mirror's lock: syncs go on applying meanwhile.
     */
    public void commit() {
        long seq;
        synchronized (this) {
            seq = index.appliedSeq();
            if (seq == committedSeq && !touchedSinceCommit) {
                return;
            }
            touchedSinceCommit = false;
        }
        try {
            index.commit();
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                touchedSinceCommit = true;
            }
            throw e instanceof IOException io ? new UncheckedIOException("cannot commit the index", io) : (RuntimeException) e;
        }
        synchronized (this) {
            committedSeq = Math.max(committedSeq, seq);
        }
    }

    /** How far the index is behind the rows, in sequence numbers. */
    public long lag() {
        return store.lastSeq() - index.appliedSeq();
    }
}
