package dev.artifactcache.http;

import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.index.MatchMode;
import dev.artifactcache.index.SearchRequest;
import dev.artifactcache.index.SortOrder;
import io.helidon.common.parameters.Parameters;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns the listing parameters of api.md into a {@link SearchRequest}: a 422 for SkillMeat's own
 * {@code limit} (as SkillMeat answers), a 400 naming the parameter for this service's own ones.
 */
final class ListingQuery {

    static final int MAX_LIMIT = 100;
    private static final Set<String> ORIGINS = Set.of("local", "github", "marketplace");

    private ListingQuery() {
    }

    /**
     * @param collections the collections of the route, or empty to take the {@code collection} parameter
     * @param staleBefore now minus the TTL
     */
    static SearchRequest parse(Parameters query, List<String> collections, Instant staleBefore) {
        return parse(query, collections, staleBefore, MAX_LIMIT);
    }

    /**
     * @param maxLimit the route's largest page (SkillMeat's {@code /artifacts} allows 500); a limit
     *                 out of range is SkillMeat's 422
     */
    static SearchRequest parse(Parameters query, List<String> collections, Instant staleBefore, int maxLimit) {
        SearchRequest.Builder request = SearchRequest.builder()
                .collections(collections.isEmpty() ? list(query, "collection") : collections)
                .types(knownTypes(query))
                .q(query.first("q").asOptional().or(() -> query.first("search").asOptional()).orElse(null))
                .tags(mode(query, "tag_mode"), list(query, "tags"))
                .tools(mode(query, "tool_mode"), list(query, "tools"))
                .origins(origins(query))
                .limit(InvalidQueryParameter.boundedInt(query, "limit", SearchRequest.DEFAULT_LIMIT, 1, maxLimit))
                .after(query.first("after").orElse(null))
                .facets(flag(query, "facets"))
                .highlight(flag(query, "highlight"))
                // Over all collections an artifact lists once, with the collections it is in (SkillMeat's /artifacts).
                .onePerArtifact(true);
        query.first("sort").asOptional().ifPresent(sort -> request.sort(parsed("sort", sort, SortOrder::fromWire)));
        query.first("stale").asOptional().ifPresent(stale -> request.stale(bool("stale", stale), staleBefore));
        return request.build();
    }

    /**
     * Whether {@code artifact_type} names only types that do not exist: SkillMeat then answers an
     * empty page (its filter is a prefix match that matches nothing), not an error.
     */
    static boolean onlyUnknownTypes(Parameters query) {
        return !list(query, "artifact_type").isEmpty() && knownTypes(query).isEmpty();
    }

    /** The known types of {@code artifact_type}; an unknown one matches nothing, as in SkillMeat. */
    private static List<ArtifactType> knownTypes(Parameters query) {
        return list(query, "artifact_type").stream().flatMap(type -> {
            try {
                return Stream.of(ArtifactType.fromWire(type));
            } catch (IllegalArgumentException e) {
                return Stream.empty();
            }
        }).toList();
    }

    private static List<String> origins(Parameters query) {
        List<String> origins = list(query, "origin");
        for (String origin : origins) {
            if (!ORIGINS.contains(origin)) {
                throw ApiException.badParameter("origin", "unknown origin \"" + origin + "\"; expected local, github or marketplace");
            }
        }
        return origins;
    }

    private static MatchMode mode(Parameters query, String name) {
        return query.first(name).asOptional().map(mode -> parsed(name, mode, MatchMode::fromWire)).orElse(MatchMode.ANY);
    }

    private static boolean flag(Parameters query, String name) {
        return query.first(name).asOptional().map(value -> bool(name, value)).orElse(false);
    }

    private static boolean bool(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badParameter(name, name + " must be true or false, got \"" + value + "\"");
        };
    }

    /** A comma list (repeated parameters are joined), trimmed, blanks dropped. */
    private static List<String> list(Parameters query, String name) {
        if (!query.contains(name)) {
            return List.of();
        }
        return query.all(name).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .distinct()
                .toList();
    }

    private static <T> T parsed(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(field, e.getMessage());
        }
    }
}
