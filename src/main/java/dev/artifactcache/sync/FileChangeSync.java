package dev.artifactcache.sync;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.Manifest;
import dev.artifactcache.collection.ManifestException;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the changes of one debounce window into syncs of just the artifacts they touch. Keeps,
 * per collection, the manifest the watcher last brought the cache in step with (its baseline):
 * a manifest edit re-syncs the entries that differ from it, a file edit the entry owning the file.
 *
 * <p>A baseline is always read before the sync that uses it: a change made after that read
 * raises a new event and is compared against it, so no change falls between two baselines.
 * Only the watcher's thread uses this class.
 */
final class FileChangeSync {

    private static final Logger LOG = Logger.getLogger(FileChangeSync.class.getName());

    private record Baseline(Manifest manifest, EntryPaths paths) {
        static Baseline of(Manifest manifest) {
            return new Baseline(manifest, EntryPaths.of(manifest));
        }
    }

    private final Synchronizer synchronizer;
    private final Map<String, Baseline> baselines = new HashMap<>();

    FileChangeSync(Synchronizer synchronizer) {
        this.synchronizer = synchronizer;
    }

    /** Reads the baseline of every collection; call after the watches are registered. */
    void takeBaselines() throws IOException {
        for (String collection : synchronizer.knownCollections()) {
            read(collection).ifPresent(manifest -> baselines.put(collection, Baseline.of(manifest)));
        }
    }

    /** The moment a change is seen, on the clock the rows' {@code synced_at} is read from. */
    Instant now() {
        return synchronizer.now();
    }

    /**
     * Syncs what {@code changes} touch.
     *
     * @param seen when the first of them was seen ({@link #now()}), or null when unknown: an
     *             artifact checked after it and found unchanged needs no second check recorded
     */
    void apply(PathChanges changes, Instant seen) {
        Set<String> whole = new TreeSet<>(changes.whole());
        if (changes.allCollections()) {
            whole.addAll(known());
            whole.addAll(baselines.keySet());
        }
        whole.forEach(collection -> guarded(collection, () -> syncWhole(collection)));
        for (String collection : changes.manifests()) {
            if (!whole.contains(collection)) {
                guarded(collection, () -> syncManifest(collection, changes.paths().getOrDefault(collection, Set.of()), seen));
            }
        }
        changes.paths().forEach((collection, paths) -> {
            if (!whole.contains(collection) && !changes.manifests().contains(collection)) {
                guarded(collection, () -> syncPaths(collection, paths, seen));
            }
        });
    }

    private void syncWhole(String collection) {
        Optional<Manifest> manifest = read(collection);
        SyncReport report = synchronizer.sync(collection, Selection.ALL);
        if (manifest.isPresent()) {
            baselines.put(collection, Baseline.of(manifest.get()));
        } else if (!report.collectionFound()) {
            baselines.remove(collection);
        } // else the manifest is broken: the cache kept its rows, so the old baseline still describes them
        LOG.info(SyncLog.line("watch_collection", report));
    }

    private void syncManifest(String collection, Set<String> paths, Instant seen) {
        Baseline before = baselines.get(collection);
        Optional<Manifest> after = read(collection);
        if (before == null || after.isEmpty() || removesMost(before.manifest(), after.get())
                || !before.manifest().problems().equals(after.get().problems())) {
            // Nothing (usable) to compare with; or a change the whole-collection sync must judge: deleting most
            // of it (DeleteGuard), or entries that cannot become rows (reported with the collection's errors).
            syncWhole(collection);
            return;
        }
        Baseline next = before.manifest() == after.get() ? before : Baseline.of(after.get());
        Set<ArtifactId> ids = new LinkedHashSet<>(ManifestDiff.changedIds(before.manifest(), after.get()));
        paths.forEach(path -> ids.addAll(next.paths().affectedBy(path)));
        sync(collection, ids, seen);
        baselines.put(collection, next);
    }

    private static boolean removesMost(Manifest before, Manifest after) {
        long gone = before.entries().stream().filter(entry -> after.find(entry.id()).isEmpty()).count();
        return DeleteGuard.isMass(before.entries().size(), (int) gone);
    }

    private void syncPaths(String collection, Set<String> paths, Instant seen) {
        Baseline baseline = baselines.get(collection);
        if (baseline == null) {
            syncWhole(collection);
            return;
        }
        Set<ArtifactId> ids = new LinkedHashSet<>();
        paths.forEach(path -> ids.addAll(baseline.paths().affectedBy(path)));
        sync(collection, ids, seen);
    }

    private void sync(String collection, Set<ArtifactId> ids, Instant seen) {
        if (ids.isEmpty()) {
            return;
        }
        Selection selection = Selection.of(List.copyOf(ids));
        SyncReport report = seen == null ? synchronizer.sync(collection, selection)
                : synchronizer.syncChanged(collection, selection, seen);
        LOG.info(SyncLog.line("watch_sync", report));
    }

    /** The manifest now, or empty when it is missing, broken, or the name is no collection's. */
    private Optional<Manifest> read(String collection) {
        try {
            return Optional.of(synchronizer.manifest(collection));
        } catch (ManifestException | IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private List<String> known() {
        try {
            return synchronizer.knownCollections();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=watch_list_failed reason=\"" + e.getMessage() + "\"", e);
            return List.of();
        }
    }

    /** One collection's failure is logged and never stops the others, nor the watcher. */
    private static void guarded(String collection, Runnable sync) {
        try {
            sync.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=watch_sync_failed collection=" + SyncLog.quoted(collection)
                    + " reason=\"" + e.getMessage() + "\"", e);
        }
    }
}
