package dev.artifactcache.store;

/**
 * One row to write. The caller read the existing row before deciding on the change, so it knows
 * whether this is an insert or an update; the store assigns {@code seq}.
 *
 * @param row       the new state (metadata, times); a tombstone when {@code row.deleted()}
 * @param rowExists true when a row (live or tombstone) already has this key
 */
public record ArtifactChange(ArtifactRow row, boolean rowExists) {
}
