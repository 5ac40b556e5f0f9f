package dev.artifactcache.index;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facet counts of a search, each an ordered map of value → count (count descending, then value).
 * Any-mode counts are disjunctive: a dimension's counts ignore that dimension's own selection and
 * honour every other filter. All-mode counts ({@code tags}, {@code tools}) are what adding the
 * value would give. {@code tags} and {@code tools} hold the top 50 values plus any selected value.
 */
public record FacetCounts(Map<String, Long> type, Map<String, Long> tags, Map<String, Long> tools, Map<String, Long> origin) {

    /** No counts: what a search without {@code facets} returns. */
    public static final FacetCounts NONE = new FacetCounts(Map.of(), Map.of(), Map.of(), Map.of());

    public FacetCounts {
        type = ordered(type);
        tags = ordered(tags);
        tools = ordered(tools);
        origin = ordered(origin);
    }

    /** The four dimensions by their response names ({@code type, tags, tools, origin}), in that order. */
    public Map<String, Map<String, Long>> asMap() {
        Map<String, Map<String, Long>> all = new LinkedHashMap<>();
        all.put(FacetDimension.TYPE.dim(), type);
        all.put(FacetDimension.TAGS.dim(), tags);
        all.put(FacetDimension.TOOLS.dim(), tools);
        all.put(FacetDimension.ORIGIN.dim(), origin);
        return Collections.unmodifiableMap(all);
    }

    private static Map<String, Long> ordered(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
