package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.index.ArtifactIndex;
import dev.artifactcache.index.FacetValuePage;
import dev.artifactcache.index.SearchRequest;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;

import java.util.List;

/**
 * Facet-value search: a page of one dimension's values (tags or tools) with their listing counts,
 * optionally only those containing a text, so that every value can be found and picked, not only
 * the top 50 the listing returns. Takes the listing's filters, answered from the index alone.
 */
public final class FacetValueRoutes implements HttpService {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final ArtifactCache cache;
    private final CollectionRoutes listing;

    /** @param listing the listing routes, whose collection and readiness checks this route shares */
    public FacetValueRoutes(ArtifactCache cache, CollectionRoutes listing) {
        this.cache = cache;
        this.listing = listing;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/user-collections/{collection_id}/facets/{dimension}", listing.read("collection_facet_values", this::collectionValues))
                .get("/facets/{dimension}", listing.read("facet_values", this::allValues));
    }

    private void collectionValues(ServerRequest req, ServerResponse res) {
        values(req, res, List.of(listing.knownCollection(req)));
    }

    private void allValues(ServerRequest req, ServerResponse res) {
        listing.requireReady();
        values(req, res, List.of());
    }

    private void values(ServerRequest req, ServerResponse res, List<String> collections) {
        String dimension = req.path().pathParameters().get("dimension");
        if (!ArtifactIndex.VALUE_SEARCH_DIMENSIONS.contains(dimension)) {
            throw ApiException.notFound("facet_not_found", "No facet \"" + dimension + "\"; values can be searched in "
                    + String.join(" and ", ArtifactIndex.VALUE_SEARCH_DIMENSIONS) + ".");
        }
        Parameters query = req.query();
        int limit = bounded(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT); // before the listing's own limit check
        int offset = bounded(query, "offset", 0, 0, Integer.MAX_VALUE);
        SearchRequest request = ListingQuery.parse(query, collections, cache.staleBefore());
        String contains = query.first("contains").asOptional().map(String::strip).orElse(null);
        FacetValuePage page = cache.index().facetValues(request, dimension, contains, limit, offset);
        JsonArrayBuilder values = Json.array();
        page.values().forEach(value -> values.add(Json.object().add("value", value.value()).add("count", value.count())));
        res.send(Json.object()
                .add("dimension", page.dimension())
                .add("values", values)
                .add("total_values", page.totalValues())
                .add("offset", page.offset())
                .add("has_more", page.hasMore())
                .build());
    }

    private static int bounded(Parameters query, String name, int fallback, int min, int max) {
        String text = query.first(name).orElse(String.valueOf(fallback)).strip();
        String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the range, as an out-of-range number is
        }
        throw ApiException.badParameter(name, name + " must be a whole number " + range + ", got \"" + text + "\"");
    }
}
