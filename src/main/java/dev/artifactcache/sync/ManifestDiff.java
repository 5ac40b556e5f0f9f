package dev.artifactcache.sync;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.Manifest;
import dev.artifactcache.collection.ManifestEntry;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two parses of one manifest (and its lock): so that an edit of
 * collection.toml re-syncs the entries it touched, not the whole collection.
 */
final class ManifestDiff {

    private ManifestDiff() {
    }

    /**
     * The ids whose entry was added, changed or removed; entry equality ignores line numbers, so
     * an artifact added at the top does not make every later one look changed.
     */
    static Set<ArtifactId> changedIds(Manifest before, Manifest after) {
        Map<ArtifactId, ManifestEntry> old = new LinkedHashMap<>();
        before.entries().forEach(entry -> old.put(entry.id(), entry));
        Set<ArtifactId> changed = new LinkedHashSet<>();
        for (ManifestEntry entry : after.entries()) {
            if (!entry.equals(old.remove(entry.id()))) {
                changed.add(entry.id());
            }
        }
        changed.addAll(old.keySet()); // removed: their sync deletes them
        return changed;
    }
}
