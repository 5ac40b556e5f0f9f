package dev.artifactcache.sync;

import java.util.function.Consumer;

/**
 * How far a batch sync has come, told before its first step and after each one. A step is the
 * sync of one collection (in full, or the chosen artifacts of it), so {@code done} and
 * {@code total} are exact from the start while the number of artifacts is not.
 *
 * @param done    steps finished
 * @param total   steps in the batch
 * @param scanned artifacts looked at by the finished steps
 */
public record BatchProgress(int done, int total, int scanned) {

    /** For callers that do not follow the progress. */
    public static final Consumer<BatchProgress> IGNORED = progress -> { };
}
