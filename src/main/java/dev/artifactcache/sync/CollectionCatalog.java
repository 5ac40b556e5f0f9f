package dev.artifactcache.sync;

import dev.artifactcache.collection.CollectionHeader;
import dev.artifactcache.store.CollectionState;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The collections the cache knows, in memory, so that read routes can tell an empty collection
 * from an unknown one without asking the database. Filled from the store at start, kept by the
 * local write path, and replaced from the store by the tailer when other nodes write.
 */
public final class CollectionCatalog {

    private final Map<String, CollectionState> collections = new ConcurrentSkipListMap<>();
    /** Filled as manifests are read, so only in memory: after a restart the population reads them again. */
    private final Map<String, CollectionHeader> headers = new ConcurrentHashMap<>();

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

    /** What the collection's manifest said of the collection itself when last read; empty before that. */
    public CollectionHeader header(String collection) {
        return headers.getOrDefault(collection, CollectionHeader.EMPTY);
    }

    void put(CollectionState state) {
        collections.put(state.name(), state);
    }

    void describe(String collection, CollectionHeader header) {
        headers.put(collection, header);
    }

    void remove(String collection) {
        collections.remove(collection);
        headers.remove(collection);
    }

    /** Makes the catalog exactly {@code known}: what the database holds now. */
    void replaceAll(List<CollectionState> known) {
        Map<String, CollectionState> fresh = new java.util.HashMap<>();
        known.forEach(state -> fresh.put(state.name(), state));
        collections.putAll(fresh);
        collections.keySet().retainAll(fresh.keySet());
    }
}
