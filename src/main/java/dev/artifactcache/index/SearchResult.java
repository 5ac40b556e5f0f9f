package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a search.
 *
 * @param items       the page, in order; rows as stored (seq included, never a tombstone), with
 *                    {@code syncedAt} as of the current searcher
 * @param hasNext     whether another page follows {@code endCursor}
 * @param startCursor cursor of the first item, or null for an empty page
 * @param endCursor   cursor of the last item (pass it as {@code after}), or null for an empty page
 * @param totalCount  the exact number of items matching the request (all pages)
 * @param facets      disjunctive counts, or {@link FacetCounts#NONE} when not requested
 * @param highlights  item key ({@code collection/id}) → fragments, for every item when highlights
 *                    were requested and the request has text; otherwise empty
 */
public record SearchResult(
        List<ArtifactRow> items,
        boolean hasNext,
        String startCursor,
        String endCursor,
        long totalCount,
        FacetCounts facets,
        Map<String, Highlight> highlights) {

    public SearchResult {
        items = List.copyOf(items);
        highlights = Collections.unmodifiableMap(new LinkedHashMap<>(highlights));
    }
}
