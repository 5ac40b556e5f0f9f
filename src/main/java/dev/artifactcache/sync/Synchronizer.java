package dev.artifactcache.sync;

import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.collection.CollectionHeader;
import dev.artifactcache.collection.ArtifactReader;
import dev.artifactcache.collection.EntryProblem;
import dev.artifactcache.collection.Manifest;
import dev.artifactcache.collection.ManifestEntry;
import dev.artifactcache.collection.ManifestException;
import dev.artifactcache.collection.SkillmeatHome;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.store.ArtifactChange;
import dev.artifactcache.store.ArtifactRow;
import dev.artifactcache.store.ArtifactStore;
import dev.artifactcache.store.ChangeSet;
import dev.artifactcache.store.CollectionState;
import dev.artifactcache.store.LockedRows;
import dev.artifactcache.store.Written;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.logging.Logger;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one write path. Every trigger (startup, HTTP, watcher, refresher, hooks) ends in
 * {@link #sync}: read and parse the files, write the rows in one H2 transaction, apply them to the
 * index and make them visible, all before returning.
 *
 * <p>Writes hold one lock, files are read under it: a sync that starts later always reads the
 * files later, so the last state of the files wins whatever the interleaving. A large selection
 * is taken in chunks, each under the lock, so single syncs are not stuck behind a population.
 */
public final class Synchronizer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Synchronizer.class.getName());

    /** Small enough that a single sync waits at most one chunk behind a population. */
    private static final int CHUNK = 500;
    /** Below this, reading in parallel costs more than it saves. */
    private static final int PARALLEL_FROM = 32;

    private final SkillmeatHome home;
    private final ArtifactStore store;
    private final IndexMirror mirror;
    private final CollectionCatalog catalog;
    private final Clock clock;
    private final ManifestCache manifests = new ManifestCache();
    private final DeleteGuard deleteGuard = new DeleteGuard();
    private final List<Consumer<SyncReport>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final ForkJoinPool readers = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    public Synchronizer(SkillmeatHome home, ArtifactStore store, IndexMirror mirror, CollectionCatalog catalog,
                        Clock clock) {
        this.home = home;
        this.store = store;
        this.mirror = mirror;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Syncs the selected artifacts of a collection from its files. With {@link Selection#ALL},
     * cached artifacts gone from the manifest are deleted; a collection gone from disk is removed.
     *
     * @throws IllegalArgumentException when {@code collection} is not a plain folder name
     */
    public SyncReport sync(String collection, Selection selection) {
        return sync(collection, selection, scanned -> { });
    }

    /**
     * {@link #sync(String, Selection)}, telling {@code progress} how many artifacts it has looked at
     * so far (the count {@link SyncReport#scanned()} ends at): after each chunk is written (all of
     * them are visible when the sync returns), and after the cached artifacts gone from the
     * manifest (or a removed collection's) are deleted. Told on the syncing thread but outside the write lock, so a slow listener (a
     * client reading the progress) never holds up other syncs; told only when the count moved.
     */
    public SyncReport sync(String collection, Selection selection, IntConsumer progress) {
        // Single artifacts: one checked by another sync since this one was asked for (the watcher
        // syncing the same edit while this waited for the lock) is as fresh as this check would make it.
        return reported(syncOnce(collection, selection, progress, selection.all() ? null : now()));
    }

    /**
     * {@link #sync(String, Selection)} of artifacts whose files changed, as the file watcher saw at
     * {@code changeSeen} (this synchronizer's {@link #now()}). An artifact whose files equal its
     * row and whose row was checked after that moment is left as it is: a sync-artifact of the same
     * edit got there first, and recording another check would cost a write and an index reopen
     * for nothing but a later {@code synced_at}. (Any single-artifact sync leaves a row checked
     * after the sync was asked for so; the watcher's moment is earlier.)
     */
    public SyncReport syncChanged(String collection, Selection selection, Instant changeSeen) {
        return reported(syncOnce(collection, selection, scanned -> { }, changeSeen));
    }

    private SyncReport reported(SyncReport report) {
        listeners.forEach(listener -> listener.accept(report));
        return report;
    }

    /**
     * How many artifacts a sync of {@code selection} will look at, known before it starts so that a
     * batch can show its progress against a total: the distinct selected ids, or for
     * {@link Selection#ALL} the manifest's entries and its problems (an entry that cannot be read
     * counts as failed). The manifest is read through the cache, so the sync that follows does not
     * parse it again. Cached artifacts gone from the manifest are not counted: the sync finds them
     * as it goes.
     *
     * @return 0 when the collection has no collection.toml or its manifest cannot be read: the sync
     *         then removes the collection or reports the error
     * @throws IllegalArgumentException when {@code collection} is not a plain folder name
     */
    public int plannedSize(String collection, Selection selection) {
        Path folder = home.collectionFolder(collection);
        if (!Files.isRegularFile(folder.resolve("collection.toml"))) {
            return 0;
        }
        try {
            Manifest manifest = manifests.current(folder);
            return selection.all() ? manifest.entries().size() + manifest.problems().size()
                    : distinctIds(selection).size();
        } catch (ManifestException | IOException e) {
            // Not swallowed: the sync that follows meets the same error and reports it.
            return 0;
        }
    }

    /** Work that runs under the write lock and may fail with a checked exception. */
    public interface LockedWork<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} under the write path's lock (reentrant: it may call {@link #sync}), so that
     * no other sync reads or writes the files between its steps: the web edit reads, checks,
     * rewrites and syncs an artifact as one step.
     */
    public <T, E extends Exception> T underWriteLock(LockedWork<T, E> work) throws E {
        writeLock.lock();
        try {
            return work.run();
        } finally {
            writeLock.unlock();
        }
    }

    /** Calls {@code listener} with the report of every sync, on the syncing thread (metrics keep count this way). */
    public void onReport(Consumer<SyncReport> listener) {
        listeners.add(listener);
    }

    /**
     * @param checkedAfter unchanged artifacts whose row was checked after this are not touched (their
     *                     files were read after it, by another sync); null: every one is
     */
    private SyncReport syncOnce(String collection, Selection selection, IntConsumer progress, Instant checkedAfter) {
        long started = System.nanoTime();
        Path folder = home.collectionFolder(collection);
        Tally tally = new Tally(collection, !selection.all(), progress);
        if (!Files.isRegularFile(folder.resolve("collection.toml"))) {
            removeCollection(collection, folder, tally);
            tally.tell();
            return tally.report(null, false, started);
        }
        try {
            List<String> ids = selection.all() ? manifestIds(folder, tally) : distinctIds(selection);
            // Several chunks: the index takes each chunk on its own thread while the next is read
            // and written, and everything is visible before this sync returns.
            boolean deferIndex = ids.size() > CHUNK;
            ReadAhead ahead = null;
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> next = ids.subList(Math.min(ids.size(), from + CHUNK), Math.min(ids.size(), from + 2 * CHUNK));
                ahead = syncChunk(collection, folder, ids.subList(from, Math.min(ids.size(), from + CHUNK)), next, ahead,
                        deferIndex, checkedAfter, tally);
                tally.tell();
            }
            if (deferIndex) {
                mirror.catchUp();
            }
            String held = null;
            if (selection.all()) {
                held = deleteGone(collection, folder, tally);
                tally.tell();
            }
            describe(collection, manifests.current(folder));
            return tally.report(held, true, started);
        } catch (ManifestException | IOException e) {
            String error = e.getMessage();
            locked(() -> {
                Instant now = now();
                CollectionState kept = new CollectionState(collection, error, now);
                write(new ChangeSet(collection, List.of(), List.of(), now, kept));
            });
            return tally.report(error, true, started);
        }
    }

    /**
     * Keeps what the manifest says of the collection itself for the read routes; a manifest without
     * {@code [collection]} times is dated by its file's modification time.
     */
    private void describe(String collection, Manifest manifest) {
        CollectionHeader header = manifest.header();
        Instant modified = Instant.EPOCH.plusNanos(manifest.stamp().manifestModifiedNanos());
        catalog.describe(collection, new CollectionHeader(
                header.created() == null ? modified : header.created(),
                header.updated() == null ? modified : header.updated(),
                header.groups(), header.tagDefinitions()));
    }

    /** Every collection on disk, and every cached one that is gone from disk, sorted. */
    public List<String> knownCollections() throws IOException {
        Set<String> names = new java.util.TreeSet<>(home.collectionNames());
        catalog.all().forEach(state -> names.add(state.name()));
        return List.copyOf(names);
    }

    public String activeCollection() {
        return home.activeCollection();
    }

    /**
     * The collection's manifest as the write path sees it now: parsed again only when
     * collection.toml or collection.lock changed, so a caller comparing it with an earlier one
     * costs two stats when nothing changed.
     *
     * @throws ManifestException        when collection.toml is missing or cannot be parsed
     * @throws IllegalArgumentException when {@code collection} is not a plain folder name
     */
    public Manifest manifest(String collection) throws ManifestException, IOException {
        return manifests.current(home.collectionFolder(collection));
    }

    /**
     * The manifest's ids in key order, not manifest order: each chunk's rows then go to neighbouring
     * leaves of the table's key index, so that a chunk's commit writes a few pages of it instead of
     * one page per row (a manifest lists artifacts in the order they were added).
     */
    private List<String> manifestIds(Path folder, Tally tally) throws ManifestException, IOException {
        Manifest manifest = manifests.current(folder);
        manifest.problems().forEach(tally::problem);
        return manifest.entries().stream().map(entry -> entry.id().toString()).sorted().toList();
    }

    /** The selected ids as the store keys them, each once: a repeated id is synced and counted once. */
    private static List<String> distinctIds(Selection selection) {
        return selection.ids().stream().map(ArtifactId::toString).distinct().toList();
    }

    /**
     * Reads the chunk's files and decides inside the store's write transaction, after it took the
     * database's change sequence: a write on another node cannot come between the rows read here
     * and the rows written, and a sync that takes the sequence later also reads the files later.
     *
     * <p>The files of the {@code next} chunk are read meanwhile, from inside the transaction too, and
     * used by the next chunk only when no write of any node came between (the sequence has not
     * moved since this chunk's write) and the manifest is the same: else they are read again.
     *
     * @param ahead the files of this chunk read ahead by the previous one, or null
     * @param checkedAfter an unchanged artifact whose row was checked after this is not touched; null: every one is
     * @return the read-ahead of {@code next}, or null when it is empty
     */
    private ReadAhead syncChunk(String collection, Path folder, List<String> ids, List<String> next, ReadAhead ahead,
                                boolean deferIndex, Instant checkedAfter, Tally tally) throws ManifestException, IOException {
        writeLock.lock();
        try {
            Manifest manifest = manifests.current(folder);
            Instant now = now();
            List<Pending> pending = new ArrayList<>(ids.size());
            int[] warnings = new int[1];
            ForkJoinTask<List<ArtifactMetadata>>[] nextRead = new ForkJoinTask[1];
            long seq = write(collection, deferIndex, rows -> {
                pending.clear();
                warnings[0] = 0;
                Map<String, ArtifactRow> existing = rows.rows(ids);
                List<ArtifactMetadata> fresh = ahead != null && ahead.usable(manifest, rows.lastSeq())
                        ? ahead.result() : read(manifest, ids);
                if (!next.isEmpty() && nextRead[0] == null) {
                    nextRead[0] = readers.submit(() -> readAll(manifest, next));
                }
                List<ArtifactChange> changes = new ArrayList<>();
                List<String> touched = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    ArtifactRow row = existing.get(id);
                    ArtifactMetadata metadata = fresh.get(i);
                    if (metadata == null) {
                        pending.add(goneFromManifest(collection, id, row, now, changes));
                        continue;
                    }
                    if (!metadata.failed() && !metadata.syncWarnings().isEmpty()) {
                        warnings[0]++;
                    }
                    ChangeRules.Decision decision = ChangeRules.decide(row, metadata, now);
                    String error = metadata.failed() ? metadata.syncError() : null;
                    if (decision.change() == null) {
                        boolean checked = checkedAfter != null && row.syncedAt().isAfter(checkedAfter);
                        if (!checked) {
                            touched.add(id);
                        }
                        pending.add(new Pending(id, decision.outcome(), checked ? row : row.withSyncedAt(now), error));
                    } else {
                        changes.add(decision.change());
                        pending.add(new Pending(id, decision.outcome(), decision.change().row(), error));
                    }
                }
                return new ChangeSet(collection, changes, touched, now, new CollectionState(collection, null, now));
            });
            for (int i = 0; i < warnings[0]; i++) {
                tally.warning();
            }
            pending.forEach(p -> tally.add(collection, p));
            return nextRead[0] == null ? null : new ReadAhead(manifest, seq, nextRead[0]);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The files of a chunk, read while the chunk before it was written.
     *
     * @param afterSeq the last seq committed once the chunk before was written
     */
    private record ReadAhead(Manifest manifest, long afterSeq, ForkJoinTask<List<ArtifactMetadata>> reading) {

        /** Whether nothing was written since and the manifest is the one read from. */
        boolean usable(Manifest current, long lastSeq) {
            return manifest == current && afterSeq == lastSeq;
        }

        List<ArtifactMetadata> result() {
            return reading.join();
        }
    }

    private Pending goneFromManifest(String collection, String id, ArtifactRow row, Instant now,
                                     List<ArtifactChange> changes) {
        if (row != null && !row.deleted()) {
            changes.add(ChangeRules.tombstone(row, now));
            return new Pending(id, Outcome.DELETED, null, null);
        }
        return new Pending(id, Outcome.FAILED, null,
                id + " is not in collection.toml of collection \"" + collection + "\"");
    }

    /** Deletes the cached artifacts gone from the manifest, unless {@link DeleteGuard} holds that back; then returns why. */
    private String deleteGone(String collection, Path folder, Tally tally) throws ManifestException, IOException {
        writeLock.lock();
        try {
            Manifest manifest = manifests.current(folder);
            Set<String> listed = new HashSet<>();
            manifest.entries().forEach(entry -> listed.add(entry.id().toString()));
            long seen = store.maxSeq();
            List<String> live = store.liveIds(collection);
            List<String> gone = live.stream().filter(id -> !listed.contains(id)).toList();
            Optional<String> held = deleteGuard.check(collection, manifest.stamp(), live.size(), gone.size());
            if (held.isPresent()) {
                LOG.severe(() -> "event=mass_delete_held collection=" + SyncLog.quoted(collection) + " live=" + live.size()
                        + " gone=" + gone.size() + " reason=" + SyncLog.quoted(held.get()));
                Instant now = now();
                CollectionState state = new CollectionState(collection, held.get(), now);
                write(collection, rows -> new ChangeSet(collection, List.of(), List.of(), now, state));
                return held.get();
            }
            // The guard counted outside the write; the write decides again from the locked rows
            // unless no write came between (reading every live row is seconds at 100,000).
            tombstone(collection, rows -> rows.lastSeq() == seen ? gone
                            : rows.liveIds().stream().filter(id -> !listed.contains(id)).toList(),
                    new CollectionState(collection, null, now()), tally);
            return null;
        } finally {
            writeLock.unlock();
        }
    }

    private void removeCollection(String collection, Path folder, Tally tally) {
        locked(() -> {
            manifests.forget(folder);
            if (catalog.contains(collection) || !store.liveIds(collection).isEmpty()) {
                tombstone(collection, LockedRows::liveIds, null, tally);
            }
        });
    }

    /** Deletes the live artifacts {@code gone} picks, deciding inside the write transaction. */
    private void tombstone(String collection, Function<LockedRows, List<String>> gone, CollectionState state,
                           Tally tally) {
        Instant now = now();
        List<String> deleted = new ArrayList<>();
        write(collection, rows -> {
            deleted.clear();
            deleted.addAll(gone.apply(rows));
            Map<String, ArtifactRow> existing = rows.rows(deleted);
            List<ArtifactChange> changes = deleted.stream().map(id -> ChangeRules.tombstone(existing.get(id), now)).toList();
            return new ChangeSet(collection, changes, List.of(), now, state);
        });
        deleted.forEach(id -> tally.add(collection, new Pending(id, Outcome.DELETED, null, null)));
    }

    private void write(ChangeSet changeSet) {
        write(changeSet.collection(), rows -> changeSet);
    }

    private void write(String collection, Function<LockedRows, ChangeSet> decide) {
        write(collection, false, decide);
    }

    /**
     * The database first (durable, in its order), then the index (visible): a crash in between is
     * replayed at start. The rows as written go to the index without being read back, after any
     * other node's changes before them; with {@code deferIndex} they are handed to the index's own
     * thread, and the caller catches up at its end. Returns the last seq committed after the write.
     */
    private long write(String collection, boolean deferIndex, Function<LockedRows, ChangeSet> decide) {
        ChangeSet[] decided = new ChangeSet[1];
        Written written = store.writeChanges(collection, rows -> decided[0] = decide.apply(rows));
        ChangeSet changeSet = decided[0];
        // The catalog before the index: a read never finds documents of a collection it does not know.
        if (changeSet.collectionState() == null) {
            catalog.remove(changeSet.collection());
        } else {
            catalog.put(changeSet.collectionState());
        }
        if (deferIndex) {
            mirror.applySoon(written);
        } else {
            mirror.apply(written);
        }
        return written.last();
    }

    /** The metadata of each id, in order; null where the manifest has no such entry. */
    private List<ArtifactMetadata> read(Manifest manifest, List<String> ids) {
        if (ids.size() < PARALLEL_FROM) {
            return ids.stream().map(id -> readEntry(manifest, id)).toList();
        }
        try {
            return readers.submit(() -> readAll(manifest, ids)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading artifact files", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading artifact files failed", e.getCause());
        }
    }

    /** Reads in parallel when run on {@link #readers}. */
    private static List<ArtifactMetadata> readAll(Manifest manifest, List<String> ids) {
        return ids.parallelStream().map(id -> readEntry(manifest, id)).toList();
    }

    /** Null where the manifest has no such entry. */
    private static ArtifactMetadata readEntry(Manifest manifest, String id) {
        return manifest.find(ArtifactId.parse(id)).map(entry -> ArtifactReader.read(manifest, entry)).orElse(null);
    }

    private void locked(Runnable work) {
        writeLock.lock();
        try {
            work.run();
        } finally {
            writeLock.unlock();
        }
    }

    /** Millisecond precision: what the rows store, so a value read back equals the one written. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }

    /** @param row the artifact as this sync leaves it ({@code synced_at} included), or null when it has none */
    private record Pending(String id, Outcome outcome, ArtifactRow row, String error) {
    }

    /** Accumulates the outcomes of one sync, chunk by chunk. */
    private static final class Tally {
        private final String collection;
        private final boolean keepResults;
        private final IntConsumer progress;
        private final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        private final List<ArtifactResult> results = new ArrayList<>();
        private final List<ArtifactError> errors = new ArrayList<>();
        private int warnings;
        private int told;

        Tally(String collection, boolean keepResults, IntConsumer progress) {
            this.collection = collection;
            this.keepResults = keepResults;
            this.progress = progress;
        }

        /** Artifacts looked at so far: what the report's {@code scanned} will be. */
        int scanned() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Tells the progress listener the count unless it has not moved: a sync with nothing gone adds no line. */
        void tell() {
            int scanned = scanned();
            if (scanned != told) {
                told = scanned;
                progress.accept(scanned);
            }
        }

        void add(String collection, Pending pending) {
            counts.merge(pending.outcome(), 1, Integer::sum);
            if (pending.outcome() == Outcome.FAILED) {
                failed(new ArtifactError(pending.id(), pending.error()));
            }
            if (keepResults) {
                ArtifactRow row = pending.row();
                results.add(new ArtifactResult(collection, pending.id(), pending.outcome(), row, pending.error()));
            }
        }

        void problem(EntryProblem problem) {
            counts.merge(Outcome.FAILED, 1, Integer::sum);
            failed(new ArtifactError(problem.label(), problem.detail()));
        }

        void warning() {
            warnings++;
        }

        private void failed(ArtifactError error) {
            errors.add(error);
            LOG.warning(() -> "event=sync_failed collection=" + SyncLog.quoted(collection) + " artifact="
                    + SyncLog.quoted(error.artifactId()) + " reason=" + SyncLog.quoted(String.valueOf(error.detail())));
        }

        SyncReport report(String manifestError, boolean found, long started) {
            return new SyncReport(collection, counts, results, errors, warnings, manifestError, found,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
