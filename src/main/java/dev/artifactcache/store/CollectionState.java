package dev.artifactcache.store;

import java.time.Instant;

/**
 * A collection as the store knows it.
 *
 * @param name     the collection's folder name
 * @param error    why the last read of its manifest failed (names the file and line), or null
 * @param syncedAt when its manifest was last read
 */
public record CollectionState(String name, String error, Instant syncedAt) {
}
