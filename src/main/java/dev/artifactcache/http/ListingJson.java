package dev.artifactcache.http;

import dev.artifactcache.index.Freshness;
import dev.artifactcache.index.Highlight;
import dev.artifactcache.index.SearchResult;
import dev.artifactcache.store.ArtifactRow;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;

/** The listing envelope of api.md: items, page_info, facets, freshness, took_ms. */
final class ListingJson {

    private ListingJson() {
    }

    /**
     * @param extra adds a route's own fields to each item (after its highlights), given its row:
     *              each item is built once
     */
    static JsonObject page(SearchResult result, boolean firstPage, boolean withFacets, Freshness freshness,
                           Duration ttl, Instant staleBefore, long startedNanos, BiConsumer<ArtifactRow, JsonObjectBuilder> extra) {
        JsonArrayBuilder items = Json.array();
        for (ArtifactRow row : result.items()) {
            JsonObjectBuilder item = ArtifactJson.itemBuilder(row, staleBefore);
            Highlight highlight = result.highlights().get(row.key());
            if (highlight != null) {
                item.add("highlights", highlights(highlight));
            }
            extra.accept(row, item);
            items.add(item);
        }
        JsonObjectBuilder page = Json.object()
                .add("items", items)
                .add("page_info", pageInfo(result, firstPage));
        if (withFacets) {
            page.add("facets", facets(result.facets().asMap()));
        }
        JsonObjectBuilder fresh = Json.object()
                .add("ttl_seconds", ttl.toSeconds())
                .add("stale_count", freshness.staleCount());
        Json.time(fresh, "oldest_synced_at", freshness.oldestSyncedAt());
        return page.add("freshness", fresh).add("took_ms", Json.tookMs(startedNanos)).build();
    }

    private static JsonObjectBuilder pageInfo(SearchResult result, boolean firstPage) {
        JsonObjectBuilder info = Json.object()
                .add("has_next_page", result.hasNext())
                .add("has_previous_page", !firstPage);
        Json.text(info, "start_cursor", result.startCursor());
        Json.text(info, "end_cursor", result.endCursor());
        return info.add("total_count", result.totalCount());
    }

    private static JsonObjectBuilder facets(Map<String, Map<String, Long>> dimensions) {
        JsonObjectBuilder facets = Json.object();
        dimensions.forEach((dimension, counts) -> {
            JsonObjectBuilder values = Json.object();
            counts.forEach(values::add);
            facets.add(dimension, values);
        });
        return facets;
    }

    private static JsonObjectBuilder highlights(Highlight highlight) {
        return Json.object()
                .add("name", Json.array(highlight.name()))
                .add("description", Json.array(highlight.description()));
    }
}
