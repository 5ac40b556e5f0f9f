package dev.artifactcache.sync;

import java.util.function.Consumer;

/**
 * How far a batch sync has come, told before its first step, after each chunk of artifacts a step
 * writes, and after each step. A step is the sync of one collection (in full, or the chosen
 * artifacts of it). The total is planned before the batch starts, so a bar can move inside one
 * large collection; it grows when a sync finds more than planned (cached artifacts gone from a
 * manifest, a collection gone from disk) and takes each finished collection's real number, so at
 * the end {@code scanned == total}.
 *
 * @param scanned         artifacts looked at so far
 * @param total           artifacts the batch will look at: planned, finished collections counted as they were
 * @param collectionsDone collections (steps) finished
 * @param collections     collections (steps) in the batch
 */
public record BatchProgress(int scanned, int total, int collectionsDone, int collections) {

    /** For callers that do not follow the progress. */
    public static final Consumer<BatchProgress> IGNORED = progress -> { };
}
