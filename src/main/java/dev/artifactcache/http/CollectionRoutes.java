package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.CollectionHeader;
import dev.artifactcache.edit.ArtifactEditor;
import dev.artifactcache.index.CollectionCount;
import dev.artifactcache.index.FacetCounts;
import dev.artifactcache.index.InvalidCursorException;
import dev.artifactcache.index.SearchRequest;
import dev.artifactcache.index.SearchResult;
import dev.artifactcache.store.ArtifactRow;
import dev.artifactcache.store.CollectionState;
import dev.artifactcache.sync.PopulationStatus;
import io.helidon.common.parameters.Parameters;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The read routes: collections, listings and single artifacts, answered from the index alone. */
public final class CollectionRoutes implements HttpService {

    /** SkillMeat's {@code /artifacts} pages up to 500. */
    static final int MAX_ARTIFACTS_LIMIT = 500;

    private final ArtifactCache cache;
    private final UserCollectionJson userCollections;

    public CollectionRoutes(ArtifactCache cache) {
        this.cache = cache;
        this.userCollections = new UserCollectionJson(cache);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/user-collections", read("collections", this::collections))
                .get("/user-collections/{collection_id}", read("collection", this::collection))
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

    /** SkillMeat's paged list: sorted by id, {@code search} in the name (any case), {@code collection_type}. */
    private void collections(ServerRequest req, ServerResponse res) {
        long started = System.nanoTime();
        Parameters query = req.query();
        int limit = InvalidQueryParameter.boundedInt(query, "limit", SearchRequest.DEFAULT_LIMIT, 1, ListingQuery.MAX_LIMIT);
        String search = query.first("search").orElse("").toLowerCase(Locale.ROOT);
        Optional<String> type = query.first("collection_type").asOptional().filter(t -> !t.isBlank());
        List<CollectionSummary> matching = summaries().stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).contains(search))
                .filter(c -> type.isEmpty() || type.get().equals(c.collectionType()))
                .sorted(Comparator.comparing(CollectionSummary::id))
                .toList();
        IdPage<CollectionSummary> page = IdPage.of(matching, CollectionSummary::id, query.first("after").orElse(null), limit);
        JsonArrayBuilder items = Json.array();
        page.items().forEach(c -> items.add(c.json()));
        res.send(Json.object().add("items", items).add("page_info", page.pageInfo(CollectionSummary::id))
                .add("took_ms", Json.tookMs(started)).build());
    }

    /** SkillMeat's {@code UserCollectionWithGroupsResponse}. */
    private void collection(ServerRequest req, ServerResponse res) {
        String collection = knownCollection(req); // a folder or a user collection
        CollectionSummary summary = summaries().stream().filter(c -> c.id().equals(collection)).findFirst()
                .orElseThrow(() -> unknownCollection(collection));
        res.send(summary.jsonWithGroups().build());
    }

    /**
     * The file collections, from the catalog, the index's counts and the manifests' headers kept by
     * the write path. Another kind of collection (database-only user collections) adds its own
     * summaries to this list.
     */
    private List<CollectionSummary> summaries() {
        Map<String, CollectionCount> counts = counts();
        List<CollectionSummary> summaries = new ArrayList<>();
        for (CollectionState state : cache.catalog().all()) {
            CollectionCount count = counts.getOrDefault(state.name(), new CollectionCount(state.name(), 0, 0));
            CollectionHeader header = cache.catalog().header(state.name());
            summaries.add(new CollectionSummary(state.name(), state.name(), CollectionSummary.FILE,
                    Objects.requireNonNullElse(header.created(), state.syncedAt()),
                    Objects.requireNonNullElse(header.updated(), state.syncedAt()),
                    null, count.count(), count.staleCount(), 0, header.groups(), state.error()));
        }
        summaries.addAll(userCollections.summaries(userCollections.all()));
        return summaries;
    }

    private Map<String, CollectionCount> counts() {
        return cache.index().collections(cache.staleBefore()).stream()
                .collect(Collectors.toMap(CollectionCount::collection, Function.identity()));
    }

    /**
     * SkillMeat's {@code CollectionArtifactsResponse}: this service's listing, plus each item's
     * {@code collections} and, with {@code include_groups}, its {@code groups}; {@code group_id}
     * lists that group's members.
     */
    private void collectionArtifacts(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("collection_id");
        if (userCollections.isUserCollection(id)) {
            // a user collection's members carry its id in the collection filter: the same listing, plus the missing
            listing(req, res, List.of(id), null, ListingQuery.MAX_LIMIT, (row, item) -> { },
                    userCollections.missing(id).orElseThrow());
            return;
        }
        String collection = knownCollection(req);
        boolean withGroups = InvalidQueryParameter.bool(req.query(), "include_groups", false);
        List<CollectionHeader.Group> groups = cache.catalog().header(collection).groups();
        Optional<String> groupId = req.query().first("group_id").asOptional().filter(g -> !g.isBlank());
        BiConsumer<ArtifactRow, JsonObjectBuilder> extra = (row, item) -> {
            if (withGroups) {
                item.add("groups", SkillmeatItems.groups(collection, groups, row.id()));
            }
        };
        if (groupId.isPresent()) {
            CollectionHeader.Group group = groups.stream()
                    .filter(g -> SkillmeatIds.groupId(collection, g.name()).equals(groupId.get())).findFirst()
                    .orElse(null);
            groupListing(req, res, collection, group == null ? List.of() : group.members(), extra);
            return;
        }
        listing(req, res, List.of(collection), collection, ListingQuery.MAX_LIMIT, extra, null);
    }

    private void allArtifacts(ServerRequest req, ServerResponse res) {
        requireReady();
        listing(req, res, List.of(), null, MAX_ARTIFACTS_LIMIT, SkillmeatItems::artifactResponse, null);
    }

    /** @param missing a user collection's members gone from the files, or null for a folder or all */
    private void listing(ServerRequest req, ServerResponse res, List<String> collections, String freshnessScope,
                         int maxLimit, BiConsumer<ArtifactRow, JsonObjectBuilder> extra, JsonArray missing) {
        long started = System.nanoTime();
        Instant staleBefore = cache.staleBefore();
        SearchRequest request = ListingQuery.parse(req.query(), collections, staleBefore, maxLimit);
        SearchResult result;
        if (ListingQuery.onlyUnknownTypes(req.query())) {
            result = new SearchResult(List.of(), false, null, null, 0, FacetCounts.NONE, Map.of());
        } else {
            try {
                result = cache.index().search(request);
            } catch (InvalidCursorException e) {
                throw ApiException.badParameter("after", e.getMessage());
            }
        }
        cache.revalidator().offer(result.items(), staleBefore);
        send(res, result, request, freshnessScope, staleBefore, started, extra, missing);
    }

    /** A group's members in id order, SkillMeat's way (an unknown group has none), each read from the index. */
    private void groupListing(ServerRequest req, ServerResponse res, String collection, List<String> members,
                              BiConsumer<ArtifactRow, JsonObjectBuilder> extra) {
        long started = System.nanoTime();
        Instant staleBefore = cache.staleBefore();
        SearchRequest request = ListingQuery.parse(req.query(), List.of(collection), staleBefore, ListingQuery.MAX_LIMIT);
        List<ArtifactRow> rows = members.stream().sorted().distinct()
                .map(id -> cache.index().get(collection, id)).flatMap(Optional::stream)
                .filter(row -> request.types().isEmpty() || request.types().contains(row.metadata().type()))
                .filter(row -> !ListingQuery.onlyUnknownTypes(req.query()))
                .toList();
        IdPage<ArtifactRow> page = IdPage.of(rows, ArtifactRow::id, request.after(), request.limit());
        List<ArtifactRow> items = page.items();
        SearchResult result = new SearchResult(items, page.hasNext(),
                items.isEmpty() ? null : SkillmeatIds.cursor(items.getFirst().id()),
                items.isEmpty() ? null : SkillmeatIds.cursor(items.getLast().id()),
                page.total(), FacetCounts.NONE, Map.of());
        send(res, result, request, collection, staleBefore, started, extra, null);
    }

    private void send(ServerResponse res, SearchResult result, SearchRequest request, String freshnessScope,
                      Instant staleBefore, long started, BiConsumer<ArtifactRow, JsonObjectBuilder> extra,
                      JsonArray missing) {
        Map<String, List<String>> holding = cache.index().collectionsHolding(result.items());
        Map<String, CollectionCount> counts = counts();
        JsonObject answer = ListingJson.page(result, request.after() == null, request.facets(),
                cache.index().freshness(freshnessScope, staleBefore), cache.settings().ttl(), staleBefore, started,
                SkillmeatItems.withExtras((row, item) -> {
                    item.add("collections", SkillmeatItems.collections(holding.getOrDefault(row.id(), List.of()), counts));
                    extra.accept(row, item);
                }));
        res.send(missing == null ? answer : Json.object(answer).add("missing_artifacts", missing).build());
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
        if (!cache.catalog().contains(collection) && !userCollections.isUserCollection(collection)) {
            throw unknownCollection(collection);
        }
        return collection;
    }

    private ApiException unknownCollection(String collection) {
        String known = cache.catalog().all().stream().map(CollectionState::name).collect(Collectors.joining(", "));
        return ApiException.notFound("collection_not_found", "No collection \"" + collection + "\"; the cache knows "
                + (known.isEmpty() ? "no collections yet" : "these: " + known) + ".");
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
