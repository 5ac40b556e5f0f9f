package dev.artifactcache.collection;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/** An immutable list of manifest entries that also finds an entry by id in constant time. */
final class EntryIndex extends AbstractList<ManifestEntry> implements RandomAccess {

    private final List<ManifestEntry> entries;
    private final Map<ArtifactId, ManifestEntry> byId;

    private EntryIndex(List<ManifestEntry> entries) {
        this.entries = List.copyOf(entries);
        this.byId = HashMap.newHashMap(this.entries.size());
        for (ManifestEntry entry : this.entries) {
            byId.putIfAbsent(entry.id(), entry);
        }
    }

    static EntryIndex of(List<ManifestEntry> entries) {
        return entries instanceof EntryIndex index ? index : new EntryIndex(entries);
    }

    Optional<ManifestEntry> find(ArtifactId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public ManifestEntry get(int index) {
        return entries.get(index);
    }

    @Override
    public int size() {
        return entries.size();
    }
}
