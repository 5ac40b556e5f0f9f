package dev.artifactcache.sync;

import dev.artifactcache.collection.ManifestStamp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds back a sync that would delete most of a large collection at once: a manifest cut short by
 * a tool (or a bad merge) must not empty the cache. The rule: when a collection has at least
 * {@value #MIN_ARTIFACTS} live artifacts and a sync would delete more than half of them, nothing
 * is deleted and the collection records why. The next change of collection.toml decides: if that
 * version still deletes most, it is applied, since a second save is what a person does on purpose.
 */
final class DeleteGuard {

    static final int MIN_ARTIFACTS = 20;

    /** Per collection, the manifest (size and time) whose deletions were held back. */
    private final Map<String, ManifestStamp> held = new ConcurrentHashMap<>();

    /** Whether deleting {@code gone} of {@code live} artifacts is "most of a large collection". */
    static boolean isMass(int live, int gone) {
        return live >= MIN_ARTIFACTS && gone * 2 > live;
    }

    /**
     * @param stamp the manifest the sync read
     * @return empty when the deletions may go ahead, else why they were held back (for the collection's error)
     */
    Optional<String> check(String collection, ManifestStamp stamp, int live, int gone) {
        if (!isMass(live, gone)) {
            held.remove(collection);
            return Optional.empty();
        }
        ManifestStamp first = held.putIfAbsent(collection, stamp);
        if (first != null && !sameManifest(first, stamp)) {
            held.remove(collection); // changed again since it was held back: meant
            return Optional.empty();
        }
        return Optional.of("collection.toml now lists " + (live - gone) + " of the " + live + " cached artifacts: this sync"
                + " would delete " + gone + " (more than half) at once, so nothing was deleted; if that is meant,"
                + " save collection.toml again and its next version is applied as it is");
    }

    private static boolean sameManifest(ManifestStamp a, ManifestStamp b) {
        return a.manifestSize() == b.manifestSize() && a.manifestModifiedNanos() == b.manifestModifiedNanos();
    }
}
