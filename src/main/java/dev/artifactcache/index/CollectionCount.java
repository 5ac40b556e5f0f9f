package dev.artifactcache.index;

/**
 * One collection in the index.
 *
 * @param collection the collection's folder name
 * @param count      its documents
 * @param staleCount of those, how many have {@code synced_at} before the cut-off given
 */
public record CollectionCount(String collection, long count, long staleCount) {
}
