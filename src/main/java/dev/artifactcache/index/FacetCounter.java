package dev.artifactcache.index;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facet counts. Any-mode counts are disjunctive: the main search's hits serve every dimension
 * without an Any selection; a dimension with one is counted over its sideways hits (every
 * filter but its own, {@link HitSets}), so its counts show what selecting another value would give. An All-mode
 * selection is an ordinary filter ({@link ArtifactQuery}), so its dimension is counted over the
 * main hits: a value's count is what adding it would give.
 *
 * <p>Each segment is counted the cheaper way for its share of hits: a small share walks the hits'
 * own values (doc values), a large one intersects the hit set with each value's cached documents
 * ({@link SegmentValues}), and a segment whose every document matches adds the values' sizes.
 */
final class FacetCounter {

    /**
     * Walk the hits when fewer than maxDoc / this match. Measured on 100,000 generated documents
     * (300 tags; a search plus the tag counts, three rounds on a busy 2-core machine): 219 hits,
     * walking 1.0-5.8 ms against 5.4-6.7 ms by bit sets; 798 hits, about even; 2,292 hits and
     * more, the bit sets win (all 100,000: 3-9 ms against 73-227 ms).
     */
    static final int WALK_RATIO = 100;

    /** How a segment's counts are taken: by the measured rule, or forced one way (tests compare both). */
    enum Method { CHEAPEST, WALK, BITSETS }

    private static final Comparator<Map.Entry<String, Long>> BY_COUNT_THEN_VALUE =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private FacetCounter() {
    }

    /**
     * The top values of every searchable dimension plus the selected ones, ordered; each
     * dimension counted over {@link HitSets#countedFor} it.
     */
    static FacetCounts count(ArtifactSearcher searcher, HitSets hits, SearchRequest request, Method method) throws IOException {
        Map<FacetDimension, Map<String, Long>> counts = new HashMap<>();
        for (FacetDimension dimension : FacetDimension.SEARCHABLE) {
            Map<String, Long> all = values(searcher, dimension, hits.countedFor(dimension), method);
            counts.put(dimension, top(all, dimension.topN(), selected(request, dimension)));
        }
        return new FacetCounts(counts.get(FacetDimension.TYPE), counts.get(FacetDimension.TAGS),
                counts.get(FacetDimension.TOOLS), counts.get(FacetDimension.ORIGIN));
    }

    /** Every value of {@code dimension} with a count above 0 over {@code hits}, unordered. */
    static Map<String, Long> values(ArtifactSearcher searcher, FacetDimension dimension, HitSets.HitSet hits, Method method)
            throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader reader = leaf.reader();
            int matching = hits.sizes()[leaf.ord];
            if (matching == 0) {
                continue;
            }
            FixedBitSet matches = hits.docs()[leaf.ord];
            boolean walk = method == Method.WALK || method == Method.CHEAPEST && (long) matching * WALK_RATIO < reader.maxDoc();
            if (walk) {
                walk(reader, dimension, new BitSetIterator(matches, matching), counts);
            } else {
                // null when every document matches (so the segment has no deletions): each value counts whole
                searcher.segmentValues(reader, dimension).addCounts(matching == reader.maxDoc() ? null : matches, counts);
            }
        }
        return counts;
    }

    /** The selected values, and the {@code topN} best of the others, by count then value. */
    static Map<String, Long> top(Map<String, Long> all, int topN, List<String> selected) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(all.entrySet());
        entries.sort(BY_COUNT_THEN_VALUE);
        Map<String, Long> top = new HashMap<>();
        entries.stream().limit(topN).forEach(e -> top.put(e.getKey(), e.getValue()));
        selected.forEach(value -> top.put(value, all.getOrDefault(value, 0L)));
        List<Map.Entry<String, Long>> ordered = new ArrayList<>(top.entrySet());
        ordered.sort(BY_COUNT_THEN_VALUE);
        Map<String, Long> result = new LinkedHashMap<>();
        ordered.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    static List<String> selected(SearchRequest request, FacetDimension dimension) {
        return switch (dimension) {
            case TYPE -> request.types().stream().map(t -> t.wire()).toList();
            case TAGS -> request.tags();
            case TOOLS -> request.tools();
            case ORIGIN -> request.origins();
            case COLLECTION -> request.collections();
        };
    }

    /** Counts the values of the hits one by one, by segment ordinal, then names the ordinals that occurred. */
    private static void walk(LeafReader reader, FacetDimension dimension, DocIdSetIterator hits, Map<String, Long> counts)
            throws IOException {
        SortedSetDocValues values = DocValues.getSortedSet(reader, dimension.facetField());
        if (values.getValueCount() == 0) {
            return;
        }
        int[] perOrdinal = new int[Math.toIntExact(values.getValueCount())];
        for (int doc = hits.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = hits.nextDoc()) {
            if (values.advanceExact(doc)) {
                for (int i = values.docValueCount(); i > 0; i--) {
                    perOrdinal[(int) values.nextOrd()]++;
                }
            }
        }
        for (int ordinal = 0; ordinal < perOrdinal.length; ordinal++) {
            if (perOrdinal[ordinal] > 0) {
                // The facet module stores "dim<delimiter>value"; the value is the path's last part.
                String[] path = FacetsConfig.stringToPath(values.lookupOrd(ordinal).utf8ToString());
                counts.merge(path[path.length - 1], (long) perOrdinal[ordinal], Long::sum);
            }
        }
    }
}
