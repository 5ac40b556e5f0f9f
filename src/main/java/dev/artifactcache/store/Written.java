package dev.artifactcache.store;

import java.util.List;

/**
 * What one committed write changed, as the database holds it now: the index can apply it without
 * reading the rows back, when it has applied exactly everything up to {@link #after()}.
 *
 * @param after   the last seq committed before this write
 * @param last    the last seq committed after it ({@code after} when it changed nothing)
 * @param changes the rows written, each with the seq it took, in seq order; {@link ArtifactChange#rowExists()}
 *                tells whether the key had a row (live or tombstone) before
 * @param touch   the unchanged rows whose synced_at moved, or null; its seq follows the rows'
 */
public record Written(long after, long last, List<ArtifactChange> changes, Touch touch) {

    public Written {
        changes = List.copyOf(changes);
    }
}
