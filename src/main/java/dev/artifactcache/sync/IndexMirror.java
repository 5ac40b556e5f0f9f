package dev.artifactcache.sync;

import dev.artifactcache.index.ArtifactIndex;
import dev.artifactcache.store.ArtifactChange;
import dev.artifactcache.store.ArtifactRow;
import dev.artifactcache.store.ArtifactStore;
import dev.artifactcache.store.ReplicaState;
import dev.artifactcache.store.Touch;
import dev.artifactcache.store.Written;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the index a projection of the rows: applies every row whose seq is above the index's
 * applied sequence, in seq order. The same function serves a single sync, a batch and the replay
 * at start, whoever wrote the rows (this node or another). This node's syncs hand their rows over
 * as committed instead of having them read back: a single sync's applied and made visible at once
 * ({@link #apply(Written)}), a large sync's on the mirror's own thread ({@link #applySoon}); either
 * is applied only while it follows on from the applied seq, and any gap is read from the database.
 */
public final class IndexMirror {

    private static final Logger LOG = Logger.getLogger(IndexMirror.class.getName());
    private static final int PAGE = 1000;
    /** Rows per database page (one refresh each) when filling a gap behind a large sync's handed writes. */
    private static final int BACKGROUND_PAGE = 2500;
    /** After a write, the index is committed once the writes have paused this long ({@link #commitWhenDue}). */
    static final Duration COMMIT_WHEN_QUIET = Duration.ofSeconds(1);
    /** While writes keep coming, the index is committed at least this often. */
    static final Duration COMMIT_AT_LEAST_EVERY = Duration.ofSeconds(30);

    private final ArtifactStore store;
    private final ArtifactIndex index;
    /** Nanoseconds, as {@link System#nanoTime()} gives them (a test sets its own). */
    private final LongSupplier nanoClock;
    private long committedSeq;
    private boolean touchedSinceCommit;
    /** The database's last seq as last read: only a fallback for {@link #lag()}. */
    private volatile long knownDbSeq;
    private final AtomicBoolean applyQueued = new AtomicBoolean();
    private final Object applierLock = new Object();
    private ExecutorService applier;

    // Writes handed over by the writer that committed them: applied without reading the rows back.
    /** Rows handed over and not yet applied, bounded: past it, the writer applies them itself. */
    private static final int HANDED_ROWS_MAX = 5000;
    /** How often a large write's rows, applied behind it, are made visible to searches. */
    private static final long REFRESH_BEHIND_NANOS = 3_000_000_000L;
    private final Queue<Written> handed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handedRows = new AtomicInteger();
    private volatile long refreshedAt;
    /** When rows were last applied, and when the index was last committed. */
    private volatile long appliedAt;
    private volatile long committedAt;
    /**
     * The database's last seq when the last rebuild had read its rows: a handed write up to it may
     * be in the rebuilt index already, so its new rows are upserted rather than added. Guarded by
     * this mirror's monitor.
     */
    private long rebuildReadThrough;

    public IndexMirror(ArtifactStore store, ArtifactIndex index) {
        this(store, index, System::nanoTime);
    }

    IndexMirror(ArtifactStore store, ArtifactIndex index, LongSupplier nanoClock) {
        this.store = store;
        this.index = index;
        this.nanoClock = nanoClock;
        this.committedSeq = index.appliedSeq();
        long now = nanoClock.getAsLong();
        this.refreshedAt = now;
        this.appliedAt = now;
        this.committedAt = now;
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
            // The live count is a scan of every row: asked only when the gap is large enough to matter.
            if (index.needsRebuild() || gap < 0 || (gap > 10_000 && gap > store.liveCount() / 2)) {
                rebuild(dbSeq);
            }
            int replayed = catchUp();
            if (replayed > 0) {
                LOG.info(() -> "event=index_replay rows=" + replayed + " seq=" + index.appliedSeq());
            }
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot bring the index in step with the database", e.getCause());
        }
        commit();
    }

    /**
     * Applies every change above the index's applied sequence, rows and touches in seq order;
     * returns how many. Whoever wrote them (this node or another), this is how they reach the index.
     */
    public int catchUp() {
        return catchUp(PAGE, true, Long.MAX_VALUE);
    }

    /**
     * Applies the writes handed over so far on the mirror's own thread, soon, and returns at once: a
     * large sync writes its next chunk to the database meanwhile, and calls {@link #catchUp()} at
     * its end to make everything visible. Requests made while one is pending are merged into it.
     * A failure here is only logged: the next catch-up meets it again and reports it.
     */
    private void catchUpSoon() {
        if (!applyQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            applier().execute(() -> {
                applyQueued.set(false);
                try {
                    catchUpBehind();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "event=index_apply_failed reason=\"" + e.getMessage() + "\"", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed: the service is stopping, and the next start replays what was not applied.
            applyQueued.set(false);
        }
    }

    /** Made on first use; its own lock, since this mirror's is held for a whole catch-up. */
    private ExecutorService applier() {
        synchronized (applierLock) {
            if (applier == null) {
                applier = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("index-applier").factory());
            }
            return applier;
        }
    }

    /**
     * @param visible whether searches must see everything applied when this returns, and the
     *                database is read up to {@code until}; else only the writes handed over are
     *                applied (and the database read only for a gap before them), made visible when
     *                a refresh is due
     * @param until   the seq the index must reach: a write's last one, or {@link Long#MAX_VALUE}
     *                to read the database to its end
     */
    private synchronized int catchUp(int page, boolean visible, long until) {
        try {
            int applied = 0;
            while (true) {
                applied += applyHanded();
                if (index.appliedSeq() >= until || !visible && !gapBeforeHanded()) {
                    break;
                }
                int read = applyFromDatabase(page);
                if (read == 0) {
                    break;
                }
                applied += read;
            }
            if (applied > 0) {
                appliedAt = nanoClock.getAsLong();
            }
            if (visible || refreshDue()) {
                makeVisible();
            }
            return applied;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply rows to the index", e);
        }
    }

    /** Applies one page of the changes above the index's applied seq as the database has them; returns how many. */
    private int applyFromDatabase(int page) throws IOException {
        long after = index.appliedSeq();
        List<ArtifactRow> rows = store.changesAfter(after, page);
        List<Touch> touches = store.touchesAfter(after, page);
        // A full page may stop short of the other list's changes: go no further than either
        // full list reached, so no seq is skipped.
        long upTo = Math.min(rows.size() < page ? Long.MAX_VALUE : rows.getLast().seq(),
                touches.size() < page ? Long.MAX_VALUE : touches.getLast().seq());
        // Rows are read as they stand now (synced_at included), so applying them before the
        // touches of the same page leaves every document as the database has it.
        index.apply(rows.stream().filter(row -> row.seq() <= upTo).toList());
        for (Touch touch : touches) {
            if (touch.seq() <= upTo) {
                index.touch(touch.keys(), touch.syncedAt(), touch.seq());
                touchedSinceCommit = true;
            }
        }
        return rows.size() + touches.size();
    }

    /**
     * Applies a write this node just committed soon, on the mirror's own thread, from the rows as
     * written (with their seq), without reading them back. Hand writes over after their commit, in
     * commit order. A write another writer committed between two handed over is read from the
     * database, as before. When the writes run far ahead
     * of the index, the caller applies them itself, so they never pile up in memory.
     */
    public void applySoon(Written written) {
        handed.add(written);
        if (handedRows.addAndGet(written.changes().size()) > HANDED_ROWS_MAX) {
            catchUpBehind();
        } else {
            catchUpSoon();
        }
    }

    /**
     * Applies a write this node just committed and makes it visible before returning, from the
     * rows as written (with their seq), without reading them back: a single sync's write. Only
     * when another writer's changes came before it (a gap above the index's applied seq) are
     * those read from the database first, so the index applies every change in seq order and is
     * never ahead of the database. Hand writes over after their commit, in commit order.
     */
    public void apply(Written written) {
        handed.add(written);
        handedRows.addAndGet(written.changes().size());
        catchUp(PAGE, true, written.last());
    }

    /** Applies what is handed over or written, visible only when a refresh is due. */
    private void catchUpBehind() {
        catchUp(BACKGROUND_PAGE, false, Long.MAX_VALUE);
    }

    /** Makes everything applied visible to searches. */
    private void makeVisible() throws IOException {
        index.refresh();
        refreshedAt = nanoClock.getAsLong();
    }

    private boolean refreshDue() {
        return nanoClock.getAsLong() - refreshedAt >= REFRESH_BEHIND_NANOS;
    }

    /**
     * Whether the next write handed over cannot follow on from the index's applied seq: a change
     * of another writer comes before it (or a failed apply stopped inside it). The database fills that.
     */
    private boolean gapBeforeHanded() {
        Written next = handed.peek();
        return next != null && next.after() != index.appliedSeq();
    }

    /**
     * Applies the writes handed over that follow on from the index's applied seq; stops at a gap
     * (another writer's rows, which the database gives), and drops those the database gave already.
     */
    private int applyHanded() throws IOException {
        int applied = 0;
        for (Written written = handed.peek(); written != null; written = handed.peek()) {
            long at = index.appliedSeq();
            if (written.last() > at && written.after() != at) {
                break;
            }
            handed.poll();
            handedRows.addAndGet(-written.changes().size());
            if (written.last() <= at) {
                continue;
            }
            Set<String> newKeys = written.last() <= rebuildReadThrough ? Set.of() : written.changes().stream()
                    .filter(change -> !change.rowExists()).map(change -> change.row().key()).collect(Collectors.toSet());
            index.apply(written.changes().stream().map(ArtifactChange::row).toList(), newKeys, false);
            Touch touch = written.touch();
            if (touch != null) {
                index.touch(touch.keys(), touch.syncedAt(), touch.seq());
                touchedSinceCommit = true;
            }
            applied += written.changes().size() + (touch == null ? 0 : 1);
        }
        return applied;
    }

    /**
     * The replica check: compares the index with the database at one seq and, when the document
     * count differs from the live rows, rebuilds the index into a fresh directory and swaps it in.
     * Returns false when the database moved on during the check (nothing is decided then: the next
     * check tries again). The live rows are counted outside this mirror's lock (a scan of every row,
     * hundreds of milliseconds at 100,000), so syncs applying their writes do not wait for it.
     */
    public boolean verify() {
        catchUp();
        return verifyAt(store.replicaState());
    }

    /** Package-private so that a test can commit and hand over a write between {@code db} and the comparison. */
    synchronized boolean verifyAt(ReplicaState db) {
        if (index.appliedSeq() != db.seq()) {
            return false;
        }
        // The applier may have applied writes up to that seq without making them visible yet, and
        // the count is of what searches see.
        try {
            makeVisible();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the index", e);
        }
        long documents = index.documentCount();
        if (documents != db.liveRows()) {
            LOG.warning(() -> "event=replica_drift documents=" + documents + " live_rows=" + db.liveRows()
                    + " seq=" + db.seq());
            rebuild(db.seq());
            catchUp();
            commit();
        }
        return true;
    }

    /**
     * Rebuilds the index from the live rows as the database has them now, recording {@code seq} as
     * applied. The rows are read page by page while writes go on, so the rebuild may hold rows of
     * writes above {@code seq} that are still to be handed over: those are upserted
     * ({@link #rebuildReadThrough}), never added a second time.
     */
    private void rebuild(long seq) {
        long started = System.nanoTime();
        // Until the bound is read, every handed write may be in the rebuilt index: should reading it
        // fail after the swap, new rows are upserted (slower), never added twice.
        rebuildReadThrough = Long.MAX_VALUE;
        try {
            index.rebuild(store.liveRows(PAGE), seq);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the index", e);
        }
        rebuildReadThrough = store.maxSeq();
        LOG.info(() -> "event=index_rebuild documents=" + index.documentCount() + " seq=" + seq
                + " ms=" + (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Merges the index into one segment, visible when this returns ({@link ArtifactIndex#compact()}),
     * and due for the next {@link #commit()} even when no row was applied since the last one: a
     * periodic commit taken during the merge holds the segments before it, and a restart would
     * open those again.
     */
    public void compact() {
        try {
            index.compact();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge the index", e);
        }
        synchronized (this) {
            touchedSinceCommit = true;
        }
    }

    /**
     * {@link #commit()} once the writes have paused for {@link #COMMIT_WHEN_QUIET}, or when the last
     * commit is {@link #COMMIT_AT_LEAST_EVERY} old; called often by the index's thread. Not while
     * writes stream in: a commit copies the small segments the index keeps in RAM to disk, syncs
     * them and deletes the files merged away, holding the index directory's lock for each file it
     * copies or deletes, and a refresh needs that lock to write and open its new segment. An edit
     * arriving during a commit every 2 s waited for it, tens of milliseconds (README, Performance).
     * A crash loses nothing either way: the rows above the committed seq are replayed at start.
     */
    public void commitWhenDue() {
        long now = nanoClock.getAsLong();
        if (now - appliedAt >= COMMIT_WHEN_QUIET.toNanos() || now - committedAt >= COMMIT_AT_LEAST_EVERY.toNanos()) {
            commit();
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
            committedAt = nanoClock.getAsLong();
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

    /** The highest seq the index has applied. */
    public long appliedSeq() {
        return index.appliedSeq();
    }

    /**
     * How far the index is behind the database's last committed seq (asks the database). When the
     * database does not answer, the lag behind the last seq it told: a metrics scrape must not fail
     * with it, and the database health check reports the outage itself.
     */
    public long lag() {
        try {
            knownDbSeq = store.maxSeq();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the database did not answer for the lag", e);
        }
        return knownDbSeq - index.appliedSeq();
    }

    /** Stops the background applier (after its current page); what it had not applied replays at the next start. */
    public void close() {
        ExecutorService running;
        synchronized (applierLock) {
            running = applier;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            running.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
