package dev.artifactcache.store;

import java.util.List;
import java.util.Map;

/**
 * The rows of one collection as a write sees them inside its transaction, after taking the
 * sequence: what it decides on cannot be changed by another writer before it commits.
 */
public interface LockedRows {

    /** The rows of these ids (tombstones included), by id. */
    Map<String, ArtifactRow> rows(List<String> ids);

    /** Ids of the live (not deleted) rows. */
    List<String> liveIds();

    /** The last seq committed before this write: unchanged since an earlier write returned it means no writer came between. */
    long lastSeq();
}
