package dev.artifactcache.store;

import java.time.Instant;
import java.util.List;

/**
 * Everything one sync writes for one collection, in one transaction.
 *
 * @param collection the collection's folder name
 * @param changes    rows whose cached values changed (each takes a new seq)
 * @param touchedIds ids whose files were checked and found unchanged: only synced_at moves
 * @param syncedAt   the time of this sync
 * @param collectionState the collection row to keep, or null to delete the collection row
 *                        (the collection is gone from disk)
 */
public record ChangeSet(String collection, List<ArtifactChange> changes, List<String> touchedIds,
                        Instant syncedAt, CollectionState collectionState) {

    public ChangeSet {
        changes = List.copyOf(changes);
        touchedIds = List.copyOf(touchedIds);
    }

    public boolean isEmpty() {
        return changes.isEmpty() && touchedIds.isEmpty() && collectionState == null;
    }
}
