package dev.artifactcache.sync;

import dev.artifactcache.store.ArtifactRow;

/**
 * One artifact of one collection, by name only: what the background queues hold instead of whole rows.
 *
 * @param collection the collection's folder name
 * @param id         {@code "<type>:<name>"}
 */
public record ArtifactRef(String collection, String id) {

    public static ArtifactRef of(ArtifactRow row) {
        return new ArtifactRef(row.collection(), row.id());
    }

    /** The key shared with the row and the index document. */
    public String key() {
        return ArtifactRow.key(collection, id);
    }
}
