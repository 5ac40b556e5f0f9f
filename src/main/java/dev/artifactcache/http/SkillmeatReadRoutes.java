package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.collection.CollectionHeader;
import dev.artifactcache.index.SearchRequest;
import dev.artifactcache.index.SearchResult;
import dev.artifactcache.store.ArtifactRow;
import dev.artifactcache.store.CollectionState;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The other read routes SkillMeat's /collection page calls, answered from what the files say (kept
 * in memory by the write path) and the index: groups, tags, composites, feature flags (api.md).
 * Nothing is made up: what the files do not hold is empty or false.
 */
public final class SkillmeatReadRoutes implements HttpService {

    /** SkillMeat's page of tags: 1..100, 50 by default. */
    private static final int DEFAULT_TAG_LIMIT = 50;
    private static final int MAX_TAG_LIMIT = 100;
    /** Composites per collection: far above any real collection's. */
    private static final int MAX_COMPOSITES = 1000;

    private final ArtifactCache cache;

    public SkillmeatReadRoutes(ArtifactCache cache) {
        this.cache = cache;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/groups", this::groups)
                .get("/tags", this::tags)
                .get("/composites", this::composites)
                .get("/config/feature-flags", this::featureFlags);
    }

    /** SkillMeat's {@code GroupListResponse}: the manifest's {@code [[groups]]}, members as artifact ids. */
    private void groups(ServerRequest req, ServerResponse res) {
        String collection = requiredCollection(req.query());
        String search = req.query().first("search").orElse("").toLowerCase(Locale.ROOT);
        Optional<String> artifactId = req.query().first("artifact_id").asOptional().filter(a -> !a.isBlank());
        CollectionTimes times = times(collection);
        JsonArrayBuilder groups = Json.array();
        int total = 0;
        for (CollectionHeader.Group group : cache.catalog().header(collection).groups()) {
            if (!group.name().toLowerCase(Locale.ROOT).contains(search)
                    || artifactId.isPresent() && !group.members().contains(artifactId.get())) {
                continue;
            }
            JsonObjectBuilder item = Json.object().add("id", SkillmeatIds.groupId(collection, group.name()))
                    .add("collection_id", collection).add("name", group.name());
            Json.text(item, "description", group.description());
            item.add("tags", Json.array())
                    .add("color", Objects.requireNonNullElse(group.color(), ""))
                    .add("icon", Objects.requireNonNullElse(group.icon(), ""))
                    .add("position", group.position());
            Json.time(item, "created_at", times.created());
            Json.time(item, "updated_at", times.updated());
            groups.add(item.add("artifact_count", group.members().size()).add("members", Json.array(group.members())));
            total++;
        }
        res.send(Json.object().add("groups", groups).add("total", total).build());
    }

    /**
     * SkillMeat's {@code TagListResponse}: every {@code [[tag_definitions]]} entry and every tag in
     * use, by name, with the number of artifacts carrying it. A tag has no times of its own in the
     * files: it carries the manifests' ({@code created} of the oldest, {@code updated} of the newest).
     */
    private void tags(ServerRequest req, ServerResponse res) {
        int limit = InvalidQueryParameter.boundedInt(req.query(), "limit", DEFAULT_TAG_LIMIT, 1, MAX_TAG_LIMIT);
        Map<String, Long> counts = cache.index().tagCounts();
        Map<String, CollectionHeader.TagDefinition> tags = new LinkedHashMap<>();
        for (CollectionState state : cache.catalog().all()) {
            cache.catalog().header(state.name()).tagDefinitions().forEach(tag -> tags.putIfAbsent(tag.name(), tag));
        }
        counts.keySet().forEach(name -> tags.putIfAbsent(name, new CollectionHeader.TagDefinition(name, null, null, null)));
        List<CollectionHeader.TagDefinition> sorted = tags.values().stream()
                .sorted(Comparator.comparing(CollectionHeader.TagDefinition::name)).toList();
        IdPage<CollectionHeader.TagDefinition> page = IdPage.of(sorted, CollectionHeader.TagDefinition::name,
                req.query().first("after").orElse(null), limit);
        CollectionTimes times = cache.catalog().all().stream().map(state -> times(state.name()))
                .reduce(CollectionTimes::span).orElse(new CollectionTimes(null, null));
        JsonArrayBuilder items = Json.array();
        for (CollectionHeader.TagDefinition tag : page.items()) {
            String slug = tag.slug() != null ? tag.slug() : slug(tag.name());
            JsonObjectBuilder item = Json.object().add("id", SkillmeatIds.tagId(slug)).add("name", tag.name()).add("slug", slug);
            Json.text(item, "color", tag.color());
            Json.time(item, "created_at", times.created());
            Json.time(item, "updated_at", times.updated());
            items.add(item.add("artifact_count", counts.getOrDefault(tag.name(), 0L)));
        }
        res.send(Json.object().add("items", items).add("page_info", page.pageInfo(CollectionHeader.TagDefinition::name)).build());
    }

    /**
     * SkillMeat's {@code CompositeListResponse}: the collection's composite artifacts. Their members
     * live in SkillMeat's database, not in the files, so none are listed.
     */
    private void composites(ServerRequest req, ServerResponse res) {
        String collection = requiredCollection(req.query());
        SearchResult result = cache.index().search(SearchRequest.builder().collections(collection)
                .types(ArtifactType.COMPOSITE).limit(MAX_COMPOSITES).build());
        JsonArrayBuilder items = Json.array();
        for (ArtifactRow row : result.items()) {
            JsonObjectBuilder item = Json.object().add("id", row.id()).add("collection_id", collection)
                    .add("composite_type", "plugin"); // SkillMeat's own default where none is recorded
            Json.text(item, "display_name", row.metadata().title() != null ? row.metadata().title() : row.metadata().name());
            Json.text(item, "description", row.metadata().description());
            Instant added = row.metadata().added() != null ? row.metadata().added() : row.syncedAt();
            Json.time(item, "created_at", added);
            Json.time(item, "updated_at", row.updatedAt() != null ? row.updatedAt() : added);
            items.add(item.add("memberships", Json.array()).add("member_count", 0));
        }
        res.send(Json.object().add("items", items).add("total", result.totalCount()).build());
    }

    /** What this service serves of SkillMeat's optional features: composites are listed, the rest is not here. */
    private void featureFlags(ServerRequest req, ServerResponse res) {
        res.send(Json.object()
                .add("composite_artifacts_enabled", true)
                .add("deployment_sets_enabled", false)
                .add("memory_context_enabled", false)
                .add("workflow_engine_enabled", false)
                .add("modular_content_architecture", false)
                .build());
    }

    /** SkillMeat requires {@code collection_id} here (422 without it); an unknown one is a 404. */
    private String requiredCollection(Parameters query) {
        String collection = query.first("collection_id").asOptional().filter(c -> !c.isBlank())
                .orElseThrow(() -> new InvalidQueryParameter("collection_id", "collection_id is required", "missing"));
        if (!cache.catalog().contains(collection)) {
            throw ApiException.notFound("collection_not_found", "No collection \"" + collection
                    + "\"; GET /api/v1/user-collections lists the ones there are.");
        }
        return collection;
    }

    private CollectionTimes times(String collection) {
        CollectionHeader header = cache.catalog().header(collection);
        Instant known = cache.catalog().get(collection).map(CollectionState::syncedAt).orElse(null);
        return new CollectionTimes(Objects.requireNonNullElse(header.created(), known),
                Objects.requireNonNullElse(header.updated(), known));
    }

    /** SkillMeat's slug of a tag name: lower case, runs of other characters as one hyphen. */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
    }

    private record CollectionTimes(Instant created, Instant updated) {
        CollectionTimes span(CollectionTimes other) {
            return new CollectionTimes(earlier(created, other.created), later(updated, other.updated));
        }

        private static Instant earlier(Instant a, Instant b) {
            return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
        }

        private static Instant later(Instant a, Instant b) {
            return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        }
    }
}
