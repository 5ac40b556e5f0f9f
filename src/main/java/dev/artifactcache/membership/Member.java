package dev.artifactcache.membership;

import dev.artifactcache.store.RowKey;

import java.time.Instant;

/**
 * One member of a user collection: an artifact named by its file collection and id. It stays when
 * the artifact goes from the files (then listed as missing) and counts again when it comes back.
 */
public record Member(RowKey artifact, Instant addedAt) {
}
