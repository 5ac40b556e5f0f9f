package dev.artifactcache.store;

import dev.artifactcache.collection.ArtifactMetadata;

import java.time.Instant;

/**
 * One canonical row: the artifact's metadata plus the bookkeeping of the write path. A row with
 * {@code deleted} set is a tombstone: it carries only the key, so that a replay can delete the
 * document from the index.
 *
 * @param collection the collection's folder name
 * @param id         {@code "<type>:<name>"}
 * @param metadata   what the files said at the last sync; null for a tombstone
 * @param syncedAt   when the files were last checked for this artifact
 * @param updatedAt  when any cached value last changed
 * @param seq        the change sequence number this row's last change took
 * @param deleted    true for a tombstone
 */
public record ArtifactRow(
        String collection,
        String id,
        ArtifactMetadata metadata,
        Instant syncedAt,
        Instant updatedAt,
        long seq,
        boolean deleted) {

    /** The same row as it stands after a sync that found its files unchanged. */
    public ArtifactRow withSyncedAt(Instant at) {
        return new ArtifactRow(collection, id, metadata, at, updatedAt, seq, deleted);
    }

    /** The same row as written under {@code seq}. */
    public ArtifactRow withSeq(long seq) {
        return new ArtifactRow(collection, id, metadata, syncedAt, updatedAt, seq, deleted);
    }

    /** The unique key shared by the row and its index document. */
    public String key() {
        return key(collection, id);
    }

    public static String key(String collection, String id) {
        return collection + "/" + id;
    }
}
