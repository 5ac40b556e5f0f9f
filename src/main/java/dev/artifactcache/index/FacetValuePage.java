package dev.artifactcache.index;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One page of a facet dimension's values with their counts (api.md's facet-value search), by count
 * descending then value.
 *
 * @param dimension   {@code tags} or {@code tools}
 * @param values      the page
 * @param totalValues how many values match the {@code contains} text
 * @param offset      where the page starts among them
 * @param hasMore     whether values follow the page
 */
public record FacetValuePage(String dimension, List<FacetValue> values, int totalValues, int offset, boolean hasMore) {

    /** A value and its count: the documents that selecting it (in Any mode) or adding it (in All mode) would give. */
    public record FacetValue(String value, long count) {
    }

    private static final Comparator<FacetValue> BY_COUNT_THEN_VALUE =
            Comparator.comparingLong(FacetValue::count).reversed().thenComparing(FacetValue::value);

    public FacetValuePage {
        values = List.copyOf(values);
    }

    /** The page of {@code counts} whose values contain {@code contains} (ignoring case; null for all). */
    static FacetValuePage of(FacetDimension dimension, Map<String, Long> counts, String contains, int limit, int offset) {
        String needle = contains == null ? "" : contains.toLowerCase(Locale.ROOT);
        List<FacetValue> matching = counts.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains(needle))
                .map(e -> new FacetValue(e.getKey(), e.getValue()))
                .sorted(BY_COUNT_THEN_VALUE)
                .toList();
        int from = Math.min(offset, matching.size());
        int to = Math.min(from + limit, matching.size());
        return new FacetValuePage(dimension.dim(), matching.subList(from, to), matching.size(), offset, to < matching.size());
    }
}
