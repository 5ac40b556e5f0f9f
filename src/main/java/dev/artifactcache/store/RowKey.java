package dev.artifactcache.store;

/** The key of a canonical row: its collection (folder name) and artifact id. */
public record RowKey(String collection, String id) {

    /** The key shared by the row and its index document, {@code collection/id}. */
    public String key() {
        return ArtifactRow.key(collection, id);
    }
}
