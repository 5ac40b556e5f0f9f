package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.sync.ArtifactResult;
import dev.artifactcache.sync.BatchProgress;
import dev.artifactcache.sync.BatchReport;
import dev.artifactcache.sync.Outcome;
import dev.artifactcache.sync.RefreshFilter;
import dev.artifactcache.sync.Selection;
import dev.artifactcache.sync.SyncReport;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This service's own write routes: sync one artifact, refresh a filtered batch. Both re-read the
 * files through the one write path and answer once the change is visible to the next read.
 */
public final class SyncRoutes implements HttpService {

    private final ArtifactCache cache;
    private final WriteGuard guard;

    public SyncRoutes(ArtifactCache cache, WriteGuard guard) {
        this.cache = cache;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/user-collections/sync-artifact", guard.write(this::syncArtifact))
                .post("/user-collections/refresh-metadata", guard.batch(this::refreshMetadata));
    }

    private void syncArtifact(ServerRequest req, ServerResponse res) {
        long started = System.nanoTime();
        JsonObject body = JsonBody.read(req);
        String idText = Optional.ofNullable(JsonBody.text(body, "artifact_id")).orElseThrow(() -> ApiException.badParameter(
                "artifact_id", "artifact_id is required, e.g. {\"artifact_id\":\"skill:pdf-tools\"}"));
        String id = parsed("artifact_id", idText, ArtifactId::parse).toString();
        String collection = requireCollection(cache, Optional.ofNullable(JsonBody.text(body, "collection"))
                .orElseGet(cache.synchronizer()::activeCollection), "collection");
        SyncReport report = cache.synchronizer().sync(collection, Selection.of(List.of(ArtifactId.parse(id))));
        ArtifactResult result = report.results().stream().filter(r -> r.artifactId().equals(id)).findFirst()
                .orElseGet(() -> new ArtifactResult(collection, id, Outcome.FAILED,
                        cache.index().get(collection, id).orElse(null), whyNotSynced(report)));
        res.send(SyncJson.artifact(result, cache.staleBefore(), started));
    }

    /** The batch answers with one JSON object, or streams its progress first when the client asks for NDJSON. */
    private void refreshMetadata(ServerRequest req, ServerResponse res) {
        long started = System.nanoTime();
        JsonObject body = JsonBody.read(req);
        String collection = JsonBody.text(body, "collection");
        RefreshFilter filter = new RefreshFilter(
                collection == null ? null : requireCollection(cache, collection, "collection"),
                JsonBody.texts(body, "artifact_type").stream().map(t -> parsed("artifact_type", t, ArtifactType::fromWire)).toList(),
                JsonBody.texts(body, "tags"),
                JsonBody.texts(body, "ids").stream().map(id -> parsed("ids", id, ArtifactId::parse)).toList(),
                JsonBody.flag(body, "stale_only"));
        if (ProgressStream.requested(req)) {
            ProgressStream.send(res, progress -> refresh(filter, progress), report -> SyncJson.batch(report, started));
            return;
        }
        res.send(SyncJson.batch(refresh(filter, BatchProgress.IGNORED), started));
    }

    private BatchReport refresh(RefreshFilter filter, Consumer<BatchProgress> progress) {
        try {
            return cache.batches().matching(filter, cache.staleBefore(), progress);
        } catch (IOException e) {
            throw new UncheckedIOException("listing the collections failed", e);
        }
    }

    /** The collection when it is on disk or in the cache, else 404 naming the ones there are. */
    static String requireCollection(ArtifactCache cache, String collection, String field) {
        List<String> known;
        try {
            known = cache.synchronizer().knownCollections();
        } catch (IOException e) {
            throw new UncheckedIOException("listing the collections failed", e);
        }
        if (!known.contains(collection)) {
            throw new ApiException(Status.NOT_FOUND_404, "collection_not_found", "No collection \""
                    + collection + "\"; " + (known.isEmpty() ? "the SkillMeat home has no collections yet."
                    : "there are these: " + String.join(", ", known) + "."), field);
        }
        return collection;
    }

    private static String whyNotSynced(SyncReport report) {
        return report.manifestError() != null ? report.manifestError()
                : "collection \"" + report.collection() + "\" has no collection.toml any more";
    }

    private static <T> T parsed(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(field, e.getMessage());
        }
    }
}
