package dev.artifactcache.store;

/**
 * What an index in step with the database must show, read in one statement (one snapshot).
 *
 * @param seq      the last seq committed
 * @param liveRows the artifacts not deleted: the documents an index at {@code seq} must hold
 */
public record ReplicaState(long seq, long liveRows) {
}
