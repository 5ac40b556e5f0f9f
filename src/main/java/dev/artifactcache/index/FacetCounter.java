package dev.artifactcache.index;

import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Disjunctive facet counts. The main search's hits serve every dimension without a selection; a
 * dimension with a selection is counted over its drill-sideways hits (every filter but its own,
 * gathered in the same pass as the main hits), so its counts show what selecting another value
 * would give. Each dimension has its own doc-values field: a count reads only that dimension.
 */
final class FacetCounter {

    private static final Comparator<Map.Entry<String, Long>> BY_COUNT_THEN_VALUE =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private FacetCounter() {
    }

    /**
     * @param mainHits     the documents matching the whole request
     * @param sidewaysHits for each dimension with a selection, the documents matching every filter but its own
     */
    static FacetCounts count(ArtifactSearcher searcher, FacetsCollector mainHits, Map<FacetDimension, FacetsCollector> sidewaysHits,
                             SearchRequest request) throws IOException {
        Map<FacetDimension, Map<String, Long>> counts = new HashMap<>();
        for (FacetDimension dimension : FacetDimension.SEARCHABLE) {
            FacetsCollector hits = sidewaysHits.getOrDefault(dimension, mainHits);
            counts.put(dimension, top(searcher, dimension, hits, selected(request, dimension)));
        }
        return new FacetCounts(counts.get(FacetDimension.TYPE), counts.get(FacetDimension.TAGS),
                counts.get(FacetDimension.TOOLS), counts.get(FacetDimension.ORIGIN));
    }

    /** The top values of {@code dimension} over {@code hits}, plus the selected ones, ordered. */
    private static Map<String, Long> top(ArtifactSearcher searcher, FacetDimension dimension, FacetsCollector hits,
                                         List<String> selected) throws IOException {
        SortedSetDocValuesReaderState state = searcher.facetState(dimension);
        Map<String, Long> counts = new HashMap<>();
        if (state != null) {
            Facets facets = new SortedSetDocValuesFacetCounts(state, hits);
            FacetResult result = dimension.topN() == Integer.MAX_VALUE
                    ? facets.getAllChildren(dimension.dim())
                    : facets.getTopChildren(dimension.topN(), dimension.dim());
            if (result != null) {
                for (LabelAndValue child : result.labelValues) {
                    counts.put(child.label, child.value.longValue());
                }
            }
            for (String value : selected) {
                if (!counts.containsKey(value) && ArtifactFields.indexableKeyword(value)) {
                    counts.put(value, Math.max(0L, facets.getSpecificValue(dimension.dim(), value).longValue()));
                }
            }
        }
        for (String value : selected) {
            counts.putIfAbsent(value, 0L);
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(BY_COUNT_THEN_VALUE);
        Map<String, Long> ordered = new LinkedHashMap<>();
        entries.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    private static List<String> selected(SearchRequest request, FacetDimension dimension) {
        return switch (dimension) {
            case TYPE -> request.types().stream().map(t -> t.wire()).toList();
            case TAGS -> request.tags();
            case TOOLS -> request.tools();
            case ORIGIN -> request.origins();
            case COLLECTION -> request.collections();
        };
    }
}
