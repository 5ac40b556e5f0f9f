package dev.artifactcache.sync;

import dev.artifactcache.store.ArtifactRow;

/**
 * The outcome of syncing one artifact.
 *
 * @param collection the collection's folder name
 * @param artifactId {@code "<type>:<name>"} as written in the request or manifest
 * @param outcome    what happened
 * @param row        the row as now cached, or null when the artifact is not (or no longer) cached
 * @param error      why it failed, or null
 */
public record ArtifactResult(String collection, String artifactId, Outcome outcome, ArtifactRow row, String error) {
}
