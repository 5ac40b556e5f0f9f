package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.index.Freshness;
import dev.artifactcache.index.SyncProblemCounts;
import dev.artifactcache.sync.BatchReport;
import dev.artifactcache.sync.Selection;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SkillMeat's cache routes with SkillMeat's paths and response fields, so its CLI and web client
 * work unchanged: refresh one collection, refresh all, cache statistics. Register before any
 * {@code /user-collections/{collection_id}} route, so that {@code cache-stats} and
 * {@code refresh-cache} are never taken for a collection id. A refresh asked for while the same one
 * is running joins the run queued behind it ({@link SingleFlight}), so the CLI's burst of refreshes
 * after {@code add} and {@code sync-pull} always succeeds.
 */
public final class SkillmeatCacheRoutes implements HttpService {

    /** SkillMeat's bounds for {@code ttl_seconds}. */
    static final long MIN_TTL_SECONDS = 60;
    static final long MAX_TTL_SECONDS = 86_400;

    /** The key of a refresh of every collection. */
    private static final String ALL = "";

    private final ArtifactCache cache;
    private final WriteGuard guard;
    private final SingleFlight<String, JsonObject> refreshes = new SingleFlight<>();

    public SkillmeatCacheRoutes(ArtifactCache cache, WriteGuard guard) {
        this.cache = cache;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/user-collections/cache-stats", this::cacheStats)
                .post("/user-collections/refresh-cache", guard.batch(this::refreshAll))
                // Not rate limited: single-flight bounds its work (one run and one queued per collection).
                .post("/user-collections/{collection_id}/refresh-cache", guard.write(this::refreshOne));
    }

    private void refreshOne(ServerRequest req, ServerResponse res) {
        JsonBody.read(req); // no fields; read for the size and type guards
        String collection = req.path().pathParameters().get("collection_id");
        if (!knownCollections().contains(collection)) {
            sendNotFound(res, collection);
            return;
        }
        res.send(refreshes.run(collection, () -> SyncJson.collectionRefresh(cache.synchronizer().sync(collection, Selection.ALL))));
    }

    private void refreshAll(ServerRequest req, ServerResponse res) {
        JsonBody.read(req);
        res.send(refreshes.run(ALL, () -> SyncJson.allRefresh(cache.batches().collections(knownCollections()))));
    }

    private List<String> knownCollections() {
        try {
            return cache.synchronizer().knownCollections();
        } catch (IOException e) {
            throw new UncheckedIOException("listing the collections failed", e);
        }
    }

    /** SkillMeat's 404 here, whose {@code detail} is an object; {@code error} as in api.md's envelope. */
    private static void sendNotFound(ServerResponse res, String collection) {
        res.status(Status.NOT_FOUND_404).send(Json.object()
                .add("error", "collection_not_found")
                .add("detail", Json.object()
                        .add("error", "collection_not_found")
                        .add("collection_id", collection)
                        .add("message", "Collection '" + collection + "' not found in the SkillMeat home"))
                .build());
    }

    /**
     * Counts from the index's synced_at range query, no file or row touched. An unknown
     * collection has zero artifacts, as in SkillMeat.
     */
    private void cacheStats(ServerRequest req, ServerResponse res) {
        Duration ttl = ttl(req.query());
        Optional<String> collection = req.query().first("collection_id").asOptional().filter(c -> !c.isBlank());
        Instant now = cache.clock().instant();
        Freshness freshness = cache.index().freshness(collection.orElse(null), now.minus(ttl));
        long total = freshness.total();
        long stale = freshness.staleCount();
        double ageSeconds = freshness.oldestSyncedAt() == null ? 0
                : Duration.between(freshness.oldestSyncedAt(), now).toMillis() / 1000.0;
        JsonObjectBuilder json = Json.object()
                .add("total_artifacts", total)
                .add("fresh_count", total - stale)
                .add("stale_count", stale)
                .add("percentage_stale", total == 0 ? 0.0 : Math.round(stale * 1000.0 / total) / 10.0)
                .add("oldest_sync_age_seconds", ageSeconds)
                .add("ttl_seconds", ttl.toSeconds());
        SyncProblemCounts problems = cache.index().syncProblems(collection.orElse(null));
        json.add("error_count", problems.errors()).add("warning_count", problems.warnings());
        collection.ifPresent(c -> json.add("collection_id", c));
        res.send(json.build());
    }

    private Duration ttl(Parameters query) {
        Optional<String> text = query.first("ttl_seconds").asOptional();
        if (text.isEmpty()) {
            return cache.settings().ttl();
        }
        long seconds;
        try {
            seconds = Long.parseLong(text.get().trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter("ttl_seconds", "ttl_seconds must be a whole number of seconds, got \"" + text.get() + "\"");
        }
        if (seconds < MIN_TTL_SECONDS || seconds > MAX_TTL_SECONDS) {
            throw ApiException.badParameter("ttl_seconds", "ttl_seconds must be from " + MIN_TTL_SECONDS + " to "
                    + MAX_TTL_SECONDS + ", got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
