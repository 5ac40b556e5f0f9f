package dev.artifactcache.index;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The documents of each value of one facet dimension in one segment, read from the dimension's
 * filter-field postings. A segment never changes (deletions only hide documents, and hit sets
 * never contain deleted ones), so this is built once per segment and kept across reopens.
 *
 * <p>A frequent value is a bit set: counting it against a hit set is one AND and pop-count per 64
 * documents. A rare value is its sorted document list: counting it is one bit test per document,
 * cheaper than a pass over the segment's words (the compressed-bitmap idea, in its simplest form).
 * Both are read as {@link SegmentTerms} reads a text field's terms, with a bit set from 1/64 of the
 * segment on (a text field's terms, from 1/32).
 */
final class SegmentValues {

    /** A value with fewer documents than maxDoc / this is kept as a list. */
    private static final int SPARSE_RATIO = 64;

    /**
     * A walked hit costs about this, plus {@link #WALK_COST_PER_VALUE} per value it holds, where
     * counting by bit sets costs 1 per word or listed document (about 1 ns). Timed alone on a
     * segment of 46,000 generated documents, a walked hit cost 4-5 ns, with the arrays in the
     * processor's cache. In the service at 100,000, both ways timed on the same hit sets of the
     * distinct mix: a walked hit 250-600 ns (each hit reads two scattered places of arrays of a
     * few hundred KB), the 7 types by bit sets 13-15 µs, the 3 origins 6-7 µs, the tools 55-63 µs,
     * the 300 tags 170-220 µs. With 300, the types and origins walk below about 20-40 hits, the
     * tools below about 150 and the tags below about 500, where walking was measured cheaper.
     */
    private static final double WALK_COST_PER_HIT = 300;
    private static final double WALK_COST_PER_VALUE = 8;

    /** The values as terms, each with its documents: a bit set, or a list in {@code terms.docs()}. */
    private final SegmentTerms terms;
    private final String[] values;
    private final int[] cardinality;
    private final Map<String, Integer> positions = new HashMap<>();

    /** What counting a hit set by bit sets costs ({@link #walkCheaper}): a word per 64 documents of each bit-set value, a bit test per listed document. */
    private final long bitSetCost;
    /** What walking one hit's values costs ({@link DocumentValues}), in the same unit. */
    private final double walkCostPerHit;

    private SegmentValues(SegmentTerms terms, int maxDoc) {
        this.terms = terms;
        this.values = new String[terms.size()];
        this.cardinality = new int[terms.size()];
        long postings = 0;
        long bitSetWords = 0;
        long listed = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = terms.term(i).utf8ToString();
            FixedBitSet set = terms.docSet(i);
            cardinality[i] = set != null ? set.cardinality() : terms.docsTo(i) - terms.docsFrom(i);
            positions.put(values[i], i);
            postings += cardinality[i];
            if (set != null) {
                bitSetWords += set.getBits().length;
            } else {
                listed += cardinality[i];
            }
        }
        this.bitSetCost = bitSetWords + listed;
        this.walkCostPerHit = maxDoc == 0 ? 0 : WALK_COST_PER_HIT + WALK_COST_PER_VALUE * postings / maxDoc;
    }

    static SegmentValues read(LeafReader reader, FacetDimension dimension) throws IOException {
        return new SegmentValues(SegmentTerms.read(reader, dimension.filterField(), SPARSE_RATIO), reader.maxDoc());
    }

    /** Whether walking {@code hits} documents' values costs less than counting a hit set by this segment's bit sets. */
    boolean walkCheaper(long hits) {
        return hits * walkCostPerHit < bitSetCost;
    }

    /** The values, in term order: a value's position in this list is its position in this segment. */
    List<String> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** The value's position, or -1 when the segment lacks it. */
    int position(String value) {
        return positions.getOrDefault(value, -1);
    }

    /** How many documents hold the value at {@code position}, deleted ones included. */
    int cardinality(int position) {
        return cardinality[position];
    }

    /** Whether {@code doc} holds the value at {@code position}. */
    boolean holds(int position, int doc) {
        FixedBitSet set = terms.docSet(position);
        return set != null ? set.get(doc) : Arrays.binarySearch(terms.docs(), terms.docsFrom(position), terms.docsTo(position), doc) >= 0;
    }

    /** Calls {@code each} with every document holding the value at {@code position} (deleted ones included), ascending. */
    void forEachDocument(int position, IntConsumer each) {
        FixedBitSet set = terms.docSet(position);
        if (set != null) {
            HitSets.forEachSetBit(set, each);
            return;
        }
        int[] list = terms.docs();
        for (int at = terms.docsFrom(position), to = terms.docsTo(position); at < to; at++) {
            each.accept(list[at]);
        }
    }

    /**
     * Adds each value's count over {@code hits} (this segment's matching documents) to
     * {@code counts}, at the number {@code numbers} gives the value's position.
     */
    void addCounts(FixedBitSet hits, int[] numbers, long[] counts) {
        for (int i = 0; i < values.length; i++) {
            counts[numbers[i]] += count(i, hits);
        }
    }

    /**
     * Per value of {@code types} (this segment's type values) and per value of this dimension, how
     * many documents hold both, deleted ones included: the counts of each type tab, kept.
     */
    int[][] countsByType(SegmentValues types, int maxDoc) {
        int[][] counts = new int[types.values.length][values.length];
        for (int type = 0; type < types.values.length; type++) {
            FixedBitSet typeDocs = types.documentsOfAny(List.of(types.values[type]), maxDoc);
            for (int i = 0; i < values.length; i++) {
                counts[type][i] = (int) count(i, typeDocs);
            }
        }
        return counts;
    }

    /**
     * The documents holding any of {@code selected} (deleted ones included: intersect with a hit
     * set), in a new bit set of {@code maxDoc} bits.
     */
    FixedBitSet documentsOfAny(Collection<String> selected, int maxDoc) {
        FixedBitSet docs = new FixedBitSet(maxDoc);
        for (String value : selected) {
            Integer i = positions.get(value);
            if (i == null) {
                continue;
            }
            FixedBitSet set = terms.docSet(i);
            if (set != null) {
                docs.or(set);
            } else {
                int[] list = terms.docs();
                for (int at = terms.docsFrom(i), to = terms.docsTo(i); at < to; at++) {
                    docs.set(list[at]);
                }
            }
        }
        return docs;
    }

    private long count(int value, FixedBitSet hits) {
        FixedBitSet set = terms.docSet(value);
        if (set != null) {
            return FixedBitSet.intersectionCount(set, hits);
        }
        int[] list = terms.docs();
        long count = 0;
        for (int at = terms.docsFrom(value), to = terms.docsTo(value); at < to; at++) {
            if (hits.get(list[at])) {
                count++;
            }
        }
        return count;
    }
}
