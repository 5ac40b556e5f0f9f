package dev.artifactcache.sync;

import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.store.ArtifactChange;
import dev.artifactcache.store.ArtifactRow;

import java.time.Instant;

/**
 * Decides what a fresh read of the files does to the cached row. Pure: the same inputs always give
 * the same decision, which is what the tests pin down.
 */
final class ChangeRules {

    /**
     * @param outcome what happened
     * @param change  the row to write, or null when only synced_at moves
     */
    record Decision(Outcome outcome, ArtifactChange change) {
    }

    private ChangeRules() {
    }

    /**
     * @param existing the cached row (live or tombstone), or null
     * @param fresh    what the files say now
     */
    static Decision decide(ArtifactRow existing, ArtifactMetadata fresh, Instant now) {
        boolean live = existing != null && !existing.deleted();
        if (!live) {
            ArtifactRow row = new ArtifactRow(fresh.collection(), fresh.id().toString(), fresh, now, now, 0, false);
            return new Decision(fresh.failed() ? Outcome.FAILED : Outcome.CREATED,
                    new ArtifactChange(row, existing != null));
        }
        // A failed read keeps what the cache knew (nothing is lost to a half-written file) and
        // records why it could not be refreshed.
        ArtifactMetadata next = fresh.failed() ? keepWithError(existing.metadata(), fresh) : fresh;
        Outcome outcome = fresh.failed() ? Outcome.FAILED : Outcome.UPDATED;
        if (next.equals(existing.metadata())) {
            return new Decision(fresh.failed() ? Outcome.FAILED : Outcome.UNCHANGED, null);
        }
        ArtifactRow row = new ArtifactRow(existing.collection(), existing.id(), next, now, now, 0, false);
        return new Decision(outcome, new ArtifactChange(row, true));
    }

    /** The tombstone of a cached artifact gone from the manifest. */
    static ArtifactChange tombstone(ArtifactRow existing, Instant now) {
        return new ArtifactChange(new ArtifactRow(existing.collection(), existing.id(), null, now, now, 0, true), true);
    }

    /** The last good values with the failed read's error, and its warnings (they describe the files as they are now). */
    private static ArtifactMetadata keepWithError(ArtifactMetadata kept, ArtifactMetadata failed) {
        return new ArtifactMetadata(kept.collection(), kept.id(), kept.title(), kept.source(), kept.origin(),
                kept.originSource(), kept.versionSpec(), kept.resolvedSha(), kept.resolvedVersion(), kept.version(),
                kept.description(), kept.author(), kept.license(), kept.tags(), kept.tools(), kept.contentHash(),
                failed.syncError(), true, kept.added(), failed.syncWarnings());
    }
}
