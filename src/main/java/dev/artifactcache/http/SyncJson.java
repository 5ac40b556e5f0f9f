package dev.artifactcache.http;

import dev.artifactcache.sync.ArtifactResult;
import dev.artifactcache.sync.BatchError;
import dev.artifactcache.sync.BatchReport;
import dev.artifactcache.sync.Outcome;
import dev.artifactcache.sync.SyncReport;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The results of the write routes: this service's own shapes (sync-artifact, refresh-metadata)
 * and SkillMeat's (refresh-cache), whose {@code updated_count} counts created, updated and
 * deleted artifacts and whose {@code skipped_count} counts unchanged and failed ones (as
 * SkillMeat counts a failed artifact as skipped and lists it in {@code errors}).
 */
final class SyncJson {

    private SyncJson() {
    }

    /** sync-artifact: the outcome and the artifact as the next read sees it. */
    static JsonObject artifact(ArtifactResult result, Instant staleBefore, long startedNanos) {
        JsonObjectBuilder json = Json.object()
                .add("artifact_id", result.artifactId())
                .add("collection", result.collection())
                .add("outcome", result.outcome().wire());
        if (result.row() == null) {
            json.addNull("artifact");
        } else {
            json.add("artifact", ArtifactJson.item(result.row(), staleBefore));
        }
        Json.text(json, "error", result.error());
        return json.add("took_ms", Json.tookMs(startedNanos)).build();
    }

    /** refresh-metadata: counts per outcome and every error. */
    static JsonObject batch(BatchReport report, long startedNanos) {
        JsonObjectBuilder json = Json.object().add("scanned", report.scanned());
        for (Outcome outcome : Outcome.values()) {
            json.add(outcome.wire(), report.count(outcome));
        }
        JsonArrayBuilder errors = Json.array();
        for (BatchError error : report.errors()) {
            JsonObjectBuilder item = Json.object();
            Json.text(item, "artifact_id", error.artifactId());
            errors.add(item.add("collection", error.collection()).add("detail", error.detail()));
        }
        return json.add("errors", errors).add("took_ms", Json.tookMs(startedNanos)).build();
    }

    /** SkillMeat's {@code POST /user-collections/{collection_id}/refresh-cache}. */
    static JsonObject collectionRefresh(SyncReport report) {
        return Json.object()
                .add("collection_id", report.collection())
                .add("updated_count", updatedCount(report::count))
                .add("skipped_count", skippedCount(report::count))
                .add("errors", Json.array(lines(BatchError.of(report))))
                .build();
    }

    /**
     * SkillMeat's {@code POST /user-collections/refresh-cache}. {@code success} is true when the
     * batch ran, as in SkillMeat: per-artifact problems are in {@code errors}; a collection whose
     * manifest cannot be read is listed there and not counted as refreshed.
     */
    static JsonObject allRefresh(BatchReport report) {
        JsonArrayBuilder errors = Json.array();
        for (SyncReport collection : report.reports()) {
            List<BatchError> problems = BatchError.of(collection);
            if (!problems.isEmpty()) {
                errors.add(Json.object().add("collection_id", collection.collection()).add("errors", Json.array(lines(problems))));
            }
        }
        long refreshed = report.reports().stream().filter(r -> r.manifestError() == null).count();
        return Json.object()
                .add("success", true)
                .add("collections_refreshed", refreshed)
                .add("total_updated", updatedCount(report::count))
                .add("total_skipped", skippedCount(report::count))
                .add("errors", errors)
                .add("duration_seconds", seconds(report.took()))
                .build();
    }

    static int updatedCount(ToIntFunction<Outcome> count) {
        return count.applyAsInt(Outcome.CREATED) + count.applyAsInt(Outcome.UPDATED) + count.applyAsInt(Outcome.DELETED);
    }

    static int skippedCount(ToIntFunction<Outcome> count) {
        return count.applyAsInt(Outcome.UNCHANGED) + count.applyAsInt(Outcome.FAILED);
    }

    private static List<String> lines(List<BatchError> errors) {
        return errors.stream().map(BatchError::line).toList();
    }

    /** Seconds with two decimals, as SkillMeat reports durations. */
    private static double seconds(Duration took) {
        return Math.round(took.toNanos() / 10_000_000.0) / 100.0;
    }
}
