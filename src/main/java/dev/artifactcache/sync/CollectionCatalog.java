package dev.artifactcache.sync;

import dev.artifactcache.store.CollectionState;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The collections the cache knows, in memory, so that read routes can tell an empty collection
 * from an unknown one without asking the database. Filled from the store at start, kept by the
 * local write path, and replaced from the store by the tailer when other nodes write.
 */
public final class CollectionCatalog {

    private final Map<String, CollectionState> collections = new ConcurrentSkipListMap<>();

    public CollectionCatalog(List<CollectionState> known) {
        known.forEach(state -> collections.put(state.name(), state));
    }

    public boolean contains(String collection) {
        return collections.containsKey(collection);
    }

    public Optional<CollectionState> get(String collection) {
        return Optional.ofNullable(collections.get(collection));
    }

    /** Sorted by name. */
    public List<CollectionState> all() {
        return List.copyOf(collections.values());
    }

    void put(CollectionState state) {
        collections.put(state.name(), state);
    }

    void remove(String collection) {
        collections.remove(collection);
    }

    /** Makes the catalog exactly {@code known}: what the database holds now. */
    void replaceAll(List<CollectionState> known) {
        Map<String, CollectionState> fresh = new java.util.HashMap<>();
        known.forEach(state -> fresh.put(state.name(), state));
        collections.putAll(fresh);
        collections.keySet().retainAll(fresh.keySet());
    }
}
