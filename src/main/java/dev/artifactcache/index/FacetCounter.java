package dev.artifactcache.index;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Each segment is counted the cheapest way that applies. Where the hits are all the segment's
 * live documents of their types (everything, or a type tab), the counts are kept ones: each
 * value's documents per type ({@link SegmentValues#countsByType}), less the few deleted
 * documents' values. Otherwise a small share of hits walks the hits' own values
 * ({@link DocumentValues}) where that is cheaper, and a larger one intersects the hit set with each
 * value's cached documents ({@link SegmentValues}).
 * Counts add up in one array per dimension, by the reader's value numbers ({@link ReaderValues}).
 */
final class FacetCounter {

    /**
     * Walk the hits when fewer than maxDoc / this match. Measured on 100,000 generated documents
     * (300 tags; a search plus the tag counts, three rounds on a busy 2-core machine): 219 hits,
     * walking 1.0-5.8 ms against 5.4-6.7 ms by bit sets; 798 hits, about even; 2,292 hits and
     * more, the bit sets win (all 100,000: 3-9 ms against 73-227 ms). Walks now read each hit's
     * values from memory ({@link DocumentValues}), not from doc values, and within this bound a
     * dimension walks only where its values make that cheaper ({@link SegmentValues#walkCheaper}:
     * the few types and origins count by bit sets from a few dozen hits on). Beyond it the cost
     * model alone would walk the tags up to about 8,000 hits, which made the distinct mix's prefix
     * searches with facets slower at 100,000 (search CPU p50 0.95 against 0.74-0.85 ms).
     */
    static final int WALK_RATIO = 100;

    /**
     * Use a segment's kept counts only while fewer than maxDoc / this of its documents are
     * deleted. The kept counts include the deleted documents, whose values are then taken off by
     * walking them: past the walk bound ({@link #WALK_RATIO}), counting the hits by bit sets is
     * cheaper, so the same ratio bounds it (for the few types and origins bit sets may win sooner,
     * {@link SegmentValues#walkCheaper}, but the deleted documents of a live index are few).
     */
    static final int KEPT_MAX_DELETED_RATIO = WALK_RATIO;

    /**
     * How a segment's counts are taken: by the rules above, or forced one way (tests compare them
     * all; {@code KEPT} falls back to bit sets where the hits are not a whole type tab).
     */
    enum Method { CHEAPEST, WALK, BITSETS, KEPT }

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
            ReaderValues values = searcher.readerValues(dimension);
            long[] all = counts(searcher, dimension, values, hits.countedFor(dimension), method);
            counts.put(dimension, top(values, all, dimension.topN(), selected(request, dimension)));
        }
        return new FacetCounts(counts.get(FacetDimension.TYPE), counts.get(FacetDimension.TAGS),
                counts.get(FacetDimension.TOOLS), counts.get(FacetDimension.ORIGIN));
    }

    /** Every value of {@code dimension} with a count above 0 over {@code hits}, unordered. */
    static Map<String, Long> values(ArtifactSearcher searcher, FacetDimension dimension, HitSets.HitSet hits, Method method)
            throws IOException {
        ReaderValues values = searcher.readerValues(dimension);
        long[] all = counts(searcher, dimension, values, hits, method);
        Map<String, Long> counts = new HashMap<>();
        for (int number = 0; number < all.length; number++) {
            if (all[number] > 0) {
                counts.put(values.value(number), all[number]);
            }
        }
        return counts;
    }

    /** Each value's count over {@code hits}, by its number in {@code values}. */
    private static long[] counts(ArtifactSearcher searcher, FacetDimension dimension, ReaderValues values, HitSets.HitSet hits,
                                 Method method) throws IOException {
        long[] counts = new long[values.size()];
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader reader = leaf.reader();
            int matching = hits.sizes()[leaf.ord];
            if (matching == 0) {
                continue;
            }
            boolean keep = method == Method.CHEAPEST || method == Method.KEPT;
            if (keep && addKept(searcher, leaf, dimension, hits, values, counts)) {
                continue;
            }
            FixedBitSet matches = hits.docs()[leaf.ord];
            boolean walk = method == Method.WALK || method == Method.CHEAPEST && (long) matching * WALK_RATIO < reader.maxDoc()
                    && searcher.segmentValues(reader, dimension).walkCheaper(matching);
            if (walk) {
                searcher.documentValues(reader, dimension).add(matches, values.ofSegment(leaf.ord), counts);
            } else {
                searcher.segmentValues(reader, dimension).addCounts(matches, values.ofSegment(leaf.ord), counts);
            }
        }
        return counts;
    }

    /**
     * Adds the segment's counts from the kept per-type counts when the hits there are every live
     * document of the set's types (of any type when the set has no type selection), less the
     * deleted documents' values; adds nothing and returns false otherwise (the sizes differ, or
     * too many documents are deleted).
     */
    private static boolean addKept(ArtifactSearcher searcher, LeafReaderContext leaf, FacetDimension dimension,
                                   HitSets.HitSet hits, ReaderValues values, long[] counts) throws IOException {
        LeafReader reader = leaf.reader();
        int[] deleted = searcher.deletedDocuments()[leaf.ord];
        if ((long) deleted.length * KEPT_MAX_DELETED_RATIO > reader.maxDoc()) {
            return false;
        }
        SegmentValues types = searcher.segmentValues(reader, FacetDimension.TYPE);
        int[] typePositions = hits.types().isEmpty() ? null
                : hits.types().stream().mapToInt(types::position).filter(position -> position >= 0).toArray();
        int[] taken = typePositions == null ? deleted : ofTypes(deleted, types, typePositions);
        long whole = typePositions == null ? reader.maxDoc() : Arrays.stream(typePositions).map(types::cardinality).sum();
        // The hits are a subset of these documents (live, of the set's types): the same size makes them the same set.
        if (hits.sizes()[leaf.ord] != whole - taken.length) {
            return false;
        }
        SegmentValues segment = searcher.segmentValues(reader, dimension);
        int[] numbers = values.ofSegment(leaf.ord);
        if (typePositions == null) {
            for (int i = 0; i < numbers.length; i++) {
                counts[numbers[i]] += segment.cardinality(i);
            }
        } else {
            int[][] byType = searcher.countsByType(reader, dimension);
            for (int type : typePositions) {
                for (int i = 0; i < numbers.length; i++) {
                    counts[numbers[i]] += byType[type][i];
                }
            }
        }
        if (taken.length > 0) { // a segment without deletions needs no per-document values for this
            searcher.documentValues(reader, dimension).subtract(taken, numbers, counts);
        }
        return true;
    }

    /** The documents of {@code docs} holding any of the type values at {@code typePositions}. */
    private static int[] ofTypes(int[] docs, SegmentValues types, int[] typePositions) {
        int[] ofTypes = new int[docs.length];
        int n = 0;
        for (int doc : docs) {
            for (int type : typePositions) {
                if (types.holds(type, doc)) {
                    ofTypes[n++] = doc;
                    break;
                }
            }
        }
        return Arrays.copyOf(ofTypes, n);
    }

    /**
     * The selected values, and the {@code topN} best of the others, by count then value.
     *
     * @param counts by value number; numbers follow value order, so the lower number wins a tie
     */
    static Map<String, Long> top(ReaderValues values, long[] counts, int topN, List<String> selected) {
        long[] ranked = new long[counts.length];
        int n = 0;
        for (int number = 0; number < counts.length; number++) {
            if (counts[number] > 0) {
                ranked[n++] = counts[number] << 32 | (0xFFFFFFFFL - number); // ascending: fewer, then later value
            }
        }
        Arrays.sort(ranked, 0, n);
        Map<String, Long> top = new HashMap<>();
        for (int k = n - 1; k >= Math.max(0, n - topN); k--) {
            int number = (int) (0xFFFFFFFFL - (ranked[k] & 0xFFFFFFFFL));
            top.put(values.value(number), counts[number]);
        }
        for (String value : selected) {
            int number = values.number(value);
            top.put(value, number < 0 ? 0L : counts[number]);
        }
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
}
