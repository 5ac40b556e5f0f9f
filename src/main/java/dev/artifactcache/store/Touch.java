package dev.artifactcache.store;

import java.time.Instant;
import java.util.List;

/**
 * Artifacts whose files were checked and found unchanged: only their {@code synced_at} moved. It
 * takes a seq so that every replica applies it in order and agrees on what is stale.
 *
 * @param seq        its place in the change order
 * @param collection the collection's folder name
 * @param ids        the artifacts' ids
 * @param syncedAt   their new synced_at
 */
public record Touch(long seq, String collection, List<String> ids, Instant syncedAt) {

    public Touch {
        ids = List.copyOf(ids);
    }

    public List<String> keys() {
        return ids.stream().map(id -> ArtifactRow.key(collection, id)).toList();
    }
}
