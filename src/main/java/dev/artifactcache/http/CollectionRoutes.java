package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.edit.ArtifactEditor;
import dev.artifactcache.index.CollectionCount;
import dev.artifactcache.index.InvalidCursorException;
import dev.artifactcache.index.SearchRequest;
import dev.artifactcache.index.SearchResult;
import dev.artifactcache.membership.UserCollection;
import dev.artifactcache.store.ArtifactRow;
import dev.artifactcache.store.CollectionState;
import dev.artifactcache.sync.PopulationStatus;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The read routes: collections, listings and single artifacts, answered from the index alone. */
public final class CollectionRoutes implements HttpService {

    private final ArtifactCache cache;
    private final UserCollectionJson userCollections;

    public CollectionRoutes(ArtifactCache cache) {
        this.cache = cache;
        this.userCollections = new UserCollectionJson(cache);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/user-collections", read("collections", this::collections))
                .get("/user-collections/{collection_id}/artifacts", read("collection_artifacts", this::collectionArtifacts))
                .get("/user-collections/{collection_id}/artifacts/{artifact_id}", read("artifact", this::artifact))
                .get("/artifacts", read("artifacts", this::allArtifacts));
    }

    /** Counts and times a read, and counts any file it reads (which must stay none). */
    Handler read(String route, BiConsumer<ServerRequest, ServerResponse> handler) {
        return (req, res) -> cache.metrics().read(route, () -> {
            handler.accept(req, res);
            return null;
        });
    }

    private void collections(ServerRequest req, ServerResponse res) {
        long started = System.nanoTime();
        Map<String, CollectionCount> counts = cache.index().collections(cache.staleBefore()).stream()
                .collect(Collectors.toMap(CollectionCount::collection, Function.identity()));
        JsonArrayBuilder items = Json.array();
        List<CollectionState> known = cache.catalog().all();
        for (CollectionState state : known) {
            CollectionCount count = counts.getOrDefault(state.name(), new CollectionCount(state.name(), 0, 0));
            JsonObjectBuilder item = Json.object()
                    .add("id", state.name())
                    .add("name", state.name())
                    .add("kind", UserCollectionJson.FILE)
                    .add("artifact_count", count.count())
                    .add("stale_count", count.staleCount());
            items.add(Json.text(item, "sync_error", state.error()));
        }
        List<UserCollection> user = userCollections.all();
        user.forEach(collection -> items.add(userCollections.item(collection))); // after the folders, by name
        JsonObjectBuilder pageInfo = Json.object()
                .add("has_next_page", false)
                .add("has_previous_page", false)
                .addNull("start_cursor")
                .addNull("end_cursor")
                .add("total_count", known.size() + user.size());
        res.send(Json.object().add("items", items).add("page_info", pageInfo)
                .add("took_ms", Json.tookMs(started)).build());
    }

    private void collectionArtifacts(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("collection_id");
        if (userCollections.isUserCollection(id)) {
            // a user collection's members carry its id in the collection filter: the same listing, plus the missing
            listing(req, res, List.of(id), null, userCollections.missing(id).orElseThrow());
            return;
        }
        String collection = knownCollection(req);
        listing(req, res, List.of(collection), collection, null);
    }

    private void allArtifacts(ServerRequest req, ServerResponse res) {
        requireReady();
        listing(req, res, List.of(), null, null);
    }

    /** @param missing a user collection's members gone from the files, or null for a folder or all */
    private void listing(ServerRequest req, ServerResponse res, List<String> collections, String freshnessScope,
                         JsonArray missing) {
        long started = System.nanoTime();
        Instant staleBefore = cache.staleBefore();
        SearchRequest request = ListingQuery.parse(req.query(), collections, staleBefore);
        SearchResult result;
        try {
            result = cache.index().search(request);
        } catch (InvalidCursorException e) {
            throw ApiException.badParameter("after", e.getMessage());
        }
        cache.revalidator().offer(result.items(), staleBefore);
        JsonObject page = ListingJson.page(result, request.after() == null, request.facets(),
                cache.index().freshness(freshnessScope, staleBefore), cache.settings().ttl(), staleBefore, started);
        res.send(missing == null ? page : Json.object(page).add("missing_artifacts", missing).build());
    }

    private void artifact(ServerRequest req, ServerResponse res) {
        String artifactId = req.path().pathParameters().get("artifact_id");
        String routeId = req.path().pathParameters().get("collection_id");
        String collection = userCollections.isUserCollection(routeId) ? userCollections.fileCollectionOf(routeId, artifactId)
                : knownCollection(req);
        try {
            ArtifactId.parse(artifactId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("artifact_id", e.getMessage());
        }
        ArtifactRow row = cache.index().get(collection, artifactId).orElseThrow(() -> ApiException.notFound(
                "artifact_not_found", "No artifact \"" + artifactId + "\" in collection \"" + collection
                        + "\"; list the collection's artifacts to see the ids it has."));
        Instant staleBefore = cache.staleBefore();
        cache.revalidator().offer(List.of(row), staleBefore);
        if (row.metadata().contentHash() != null) {
            res.header(HeaderNames.ETAG, ArtifactEditor.etag(row.metadata().contentHash())); // for an edit's If-Match
        }
        res.send(ArtifactJson.item(row, staleBefore));
    }

    /** The route's collection, or 404; 503 while a first population has not indexed anything yet. */
    String knownCollection(ServerRequest req) {
        requireReady();
        String collection = req.path().pathParameters().get("collection_id");
        if (!cache.catalog().contains(collection)) {
            String known = cache.catalog().all().stream().map(CollectionState::name).collect(Collectors.joining(", "));
            throw ApiException.notFound("collection_not_found", "No collection \"" + collection + "\"; the cache knows "
                    + (known.isEmpty() ? "no collections yet" : "these: " + known) + ".");
        }
        return collection;
    }

    void requireReady() {
        PopulationStatus.State state = cache.population().status().state();
        boolean populating = state == PopulationStatus.State.RUNNING || state == PopulationStatus.State.NOT_STARTED;
        if (populating && cache.index().documentCount() == 0) {
            throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "not_ready",
                    "The cache is still reading the collections for the first time; try again in a few seconds.", null);
        }
    }
}
