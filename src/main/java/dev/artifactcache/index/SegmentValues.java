package dev.artifactcache.index;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents of each value of one facet dimension in one segment, read from the dimension's
 * filter-field postings. A segment never changes (deletions only hide documents, and hit sets
 * never contain deleted ones), so this is built once per segment and kept across reopens.
 *
 * <p>A frequent value is a bit set: counting it against a hit set is one AND and pop-count per 64
 * documents. A rare value is its sorted document list: counting it is one bit test per document,
 * cheaper than a pass over the segment's words (the compressed-bitmap idea, in its simplest form).
 */
final class SegmentValues {

    /** A value with fewer documents than maxDoc / this is kept as a list. */
    private static final int SPARSE_RATIO = 64;

    private final String[] values;
    private final int[] cardinality;
    private final FixedBitSet[] dense;
    private final int[][] sparse;
    private final Map<String, Integer> positions = new HashMap<>();

    private SegmentValues(String[] values, int[] cardinality, FixedBitSet[] dense, int[][] sparse) {
        this.values = values;
        this.cardinality = cardinality;
        this.dense = dense;
        this.sparse = sparse;
        for (int i = 0; i < values.length; i++) {
            positions.put(values[i], i);
        }
    }

    static SegmentValues read(LeafReader reader, FacetDimension dimension) throws IOException {
        List<String> values = new ArrayList<>();
        List<FixedBitSet> dense = new ArrayList<>();
        List<int[]> sparse = new ArrayList<>();
        List<Integer> cardinality = new ArrayList<>();
        Terms terms = reader.terms(dimension.filterField());
        if (terms != null) {
            TermsEnum term = terms.iterator();
            PostingsEnum postings = null;
            for (BytesRef value = term.next(); value != null; value = term.next()) {
                postings = term.postings(postings, PostingsEnum.NONE);
                int docs = term.docFreq();
                values.add(value.utf8ToString());
                cardinality.add(docs);
                if (docs * SPARSE_RATIO < reader.maxDoc()) {
                    sparse.add(docList(postings, docs));
                    dense.add(null);
                } else {
                    dense.add(bitSet(postings, reader.maxDoc()));
                    sparse.add(null);
                }
            }
        }
        return new SegmentValues(values.toArray(String[]::new),
                cardinality.stream().mapToInt(Integer::intValue).toArray(),
                dense.toArray(FixedBitSet[]::new), sparse.toArray(int[][]::new));
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
        return dense[position] != null ? dense[position].get(doc) : Arrays.binarySearch(sparse[position], doc) >= 0;
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
            if (dense[i] != null) {
                docs.or(dense[i]);
            } else {
                for (int doc : sparse[i]) {
                    docs.set(doc);
                }
            }
        }
        return docs;
    }

    private long count(int value, FixedBitSet hits) {
        if (dense[value] != null) {
            return FixedBitSet.intersectionCount(dense[value], hits);
        }
        long count = 0;
        for (int doc : sparse[value]) {
            if (hits.get(doc)) {
                count++;
            }
        }
        return count;
    }

    private static int[] docList(PostingsEnum postings, int size) throws IOException {
        int[] docs = new int[size];
        int n = 0;
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            docs[n++] = doc; // docFreq counts deleted documents too, so the list is never longer
        }
        return n == size ? docs : Arrays.copyOf(docs, n);
    }

    /** The documents of {@code postings} (positioned on a term) in a new bit set of {@code maxDoc} bits. */
    static FixedBitSet bitSet(PostingsEnum postings, int maxDoc) throws IOException {
        FixedBitSet docs = new FixedBitSet(maxDoc);
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            docs.set(doc);
        }
        return docs;
    }
}
