package dev.artifactcache.sync;

import dev.artifactcache.collection.Manifest;
import dev.artifactcache.collection.ManifestException;
import dev.artifactcache.collection.ManifestReader;
import dev.artifactcache.collection.ManifestStamp;
import dev.artifactcache.collection.SettledFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last parsed manifest of each collection. A manifest of 100,000 entries takes seconds to
 * parse, a stat takes microseconds: a single-artifact sync re-parses only when the manifest or
 * lock file changed.
 *
 * <p>A manifest modified shortly before it was read is not trusted ({@link SettledFile}): the next
 * sync reads it again.
 */
final class ManifestCache {

    private record Parsed(Manifest manifest, long readStartedNanos) {
        boolean settled() {
            ManifestStamp stamp = manifest.stamp();
            return SettledFile.settled(Math.max(stamp.manifestModifiedNanos(), stamp.lockModifiedNanos()), readStartedNanos);
        }
    }

    private final Map<Path, Parsed> manifests = new ConcurrentHashMap<>();
    private final Map<Path, Object> parsing = new ConcurrentHashMap<>();

    Manifest current(Path collectionFolder) throws ManifestException, IOException {
        Manifest cached = usable(collectionFolder);
        if (cached != null) {
            return cached;
        }
        // One parse at a time per folder: the watcher's baseline and the population ask at the same
        // moment at start, and the second then finds the first's result instead of parsing again.
        synchronized (parsing.computeIfAbsent(collectionFolder, folder -> new Object())) {
            cached = usable(collectionFolder);
            if (cached != null) {
                return cached;
            }
            long readStarted = SettledFile.nowNanos();
            Manifest manifest = ManifestReader.read(collectionFolder);
            manifests.put(collectionFolder, new Parsed(manifest, readStarted));
            return manifest;
        }
    }

    /** The cached manifest when it is settled and its files have not changed since; else null. */
    private Manifest usable(Path collectionFolder) throws IOException {
        Parsed cached = manifests.get(collectionFolder);
        return cached != null && cached.settled() && cached.manifest().stamp().equals(ManifestStamp.of(collectionFolder))
                ? cached.manifest() : null;
    }

    void forget(Path collectionFolder) {
        manifests.remove(collectionFolder);
    }
}
