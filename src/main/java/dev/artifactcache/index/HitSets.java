package dev.artifactcache.index;

import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSet;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BitDocIdSet;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.Map;

/**
 * The documents a request matches, as one bit set per segment, and for each dimension with an
 * Any-mode selection the documents matching every filter but that dimension's own (what its
 * disjunctive counts are taken over). Only the residual (text, freshness, one per artifact) is
 * searched; each selection is the union of its values' cached documents ({@link SegmentValues}),
 * and the sets are their intersections, each made when first asked for: no drill-sideways pass.
 */
final class HitSets {

    /**
     * One set of documents.
     *
     * @param docs  per segment (by leaf ordinal) the matching live documents, or null where none match;
     *              shared: never modified
     * @param sizes per segment the number of matching documents
     * @param types the types every document of the set has (the request's type selection, when the
     *              set honours it), or empty when the set holds documents of any type
     */
    record HitSet(FixedBitSet[] docs, int[] sizes, List<String> types) {

        static HitSet of(FixedBitSet[] docs, List<String> types) {
            int[] sizes = new int[docs.length];
            for (int i = 0; i < docs.length; i++) {
                sizes[i] = docs[i] == null ? 0 : docs[i].cardinality();
            }
            return new HitSet(docs, sizes, types);
        }

        long total() {
            long total = 0;
            for (int size : sizes) {
                total += size;
            }
            return total;
        }
    }

    private final FixedBitSet[] base;
    private final Map<FacetDimension, FixedBitSet[]> selected;
    private final List<String> types;
    private HitSet all;
    private final Map<FacetDimension, HitSet> sideways = new EnumMap<>(FacetDimension.class);

    /**
     * @param base     per segment the live documents matching the text and the fixed filters
     * @param selected per Any-mode dimension the documents of its selected values, deleted ones included
     * @param types    the type selection, or empty
     */
    private HitSets(FixedBitSet[] base, Map<FacetDimension, FixedBitSet[]> selected, List<String> types) {
        this.base = base;
        this.selected = selected;
        this.types = types;
    }

    /** The whole request's documents. */
    HitSet all() {
        if (all == null) {
            all = HitSet.of(intersect(base, selected.values()), types);
        }
        return all;
    }

    /** The documents {@code dimension}'s counts are taken over: without its own Any-mode selection, if it has one. */
    HitSet countedFor(FacetDimension dimension) {
        if (!selected.containsKey(dimension)) {
            return all();
        }
        HitSet set = sideways.get(dimension);
        if (set == null) {
            List<FixedBitSet[]> others = new ArrayList<>();
            selected.forEach((other, docs) -> {
                if (other != dimension) {
                    others.add(docs);
                }
            });
            set = HitSet.of(intersect(base, others), dimension == FacetDimension.TYPE ? List.of() : types);
            sideways.put(dimension, set);
        }
        return set;
    }

    /**
     * Searches only what is not a keyword value ({@link ArtifactQuery#residual()}: text, freshness,
     * one per artifact; nothing without those), intersects it with the fixed selections' documents
     * for the base, and reads each Any-mode selection's documents.
     */
    static HitSets of(ArtifactSearcher searcher, ArtifactQuery query) throws IOException {
        return ofResidual(searcher, query, matching(searcher, query.residual()));
    }

    /**
     * @param residual per segment the live documents matching {@link ArtifactQuery#residual()}, or
     *                 null where none; not modified
     */
    static HitSets ofResidual(ArtifactSearcher searcher, ArtifactQuery query, FixedBitSet[] residual) throws IOException {
        List<FixedBitSet[]> fixed = new ArrayList<>();
        for (ArtifactQuery.Selection selection : query.fixedSelections()) {
            fixed.add(documents(searcher, residual, selection));
        }
        return of(searcher, query, intersect(residual, fixed));
    }

    /**
     * @param base per segment the live documents matching the query but its Any-mode selections
     *             (its text, residual filters and fixed selections), or null where none; the sets are
     *             not modified
     */
    static HitSets of(ArtifactSearcher searcher, ArtifactQuery query, FixedBitSet[] base) throws IOException {
        Map<FacetDimension, FixedBitSet[]> selected = new EnumMap<>(FacetDimension.class);
        List<String> types = List.of();
        for (ArtifactQuery.Selection selection : query.facetSelections()) {
            selected.put(selection.dimension(), documents(searcher, base, selection));
            if (selection.dimension() == FacetDimension.TYPE) {
                types = selection.values();
            }
        }
        return new HitSets(base, selected, types);
    }

    /** Per segment where {@code within} has documents, those with the selection's values (deleted ones included). */
    private static FixedBitSet[] documents(ArtifactSearcher searcher, FixedBitSet[] within, ArtifactQuery.Selection selection)
            throws IOException {
        FixedBitSet[] docs = new FixedBitSet[within.length];
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            if (within[leaf.ord] != null) {
                docs[leaf.ord] = documents(searcher, leaf.reader(), selection);
            }
        }
        return docs;
    }

    /** The documents of {@code segment} with any (or all) of the selection's values, deleted ones included. */
    private static FixedBitSet documents(ArtifactSearcher searcher, LeafReader segment, ArtifactQuery.Selection selection)
            throws IOException {
        SegmentValues values = searcher.segmentValues(segment, selection.dimension());
        if (!selection.all()) {
            return values.documentsOfAny(selection.values(), segment.maxDoc());
        }
        FixedBitSet docs = null;
        for (String value : selection.values()) {
            FixedBitSet valueDocs = values.documentsOfAny(List.of(value), segment.maxDoc());
            if (docs == null) {
                docs = valueDocs;
            } else {
                docs.and(valueDocs);
            }
        }
        return docs;
    }

    /** Per segment, {@code base} and each of {@code sets}; no set is modified ({@code base} itself when there are none). */
    private static FixedBitSet[] intersect(FixedBitSet[] base, Collection<FixedBitSet[]> sets) {
        if (sets.isEmpty()) {
            return base;
        }
        FixedBitSet[] result = new FixedBitSet[base.length];
        for (int leaf = 0; leaf < base.length; leaf++) {
            if (base[leaf] == null) {
                continue;
            }
            FixedBitSet docs = base[leaf].clone();
            for (FixedBitSet[] set : sets) {
                docs.and(set[leaf]);
            }
            result[leaf] = docs;
        }
        return result;
    }

    /** Per segment the live documents matching {@code query}, or null where none. */
    static FixedBitSet[] matching(ArtifactSearcher searcher, Query query) throws IOException {
        if (query instanceof MatchAllDocsQuery) {
            return searcher.liveDocuments(); // every live document: no search needed
        }
        return bitSets(searcher.getIndexReader().leaves(), searcher.search(query, new FacetsCollectorManager()));
    }

    /** Per segment the documents {@code hits} collected, or null where none. */
    static FixedBitSet[] bitSets(List<LeafReaderContext> leaves, FacetsCollector hits) throws IOException {
        FixedBitSet[] docs = new FixedBitSet[leaves.size()];
        for (FacetsCollector.MatchingDocs segment : hits.getMatchingDocs()) {
            if (segment.totalHits() > 0) {
                docs[segment.context().ord] = bitSet(segment.bits(), segment.context().reader().maxDoc());
            }
        }
        return docs;
    }

    /** Per segment its live documents, or null where none. */
    static FixedBitSet[] liveDocuments(List<LeafReaderContext> leaves) {
        FixedBitSet[] docs = new FixedBitSet[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
            docs[leaf.ord] = liveDocuments(leaf.reader());
        }
        return docs;
    }

    private static FixedBitSet liveDocuments(LeafReader reader) {
        if (reader.numDocs() == 0) {
            return null;
        }
        FixedBitSet docs = new FixedBitSet(reader.maxDoc());
        docs.set(0, reader.maxDoc());
        Bits live = reader.getLiveDocs();
        if (live != null) {
            live.applyMask(docs, 0); // clears the deleted documents, a word at a time for Lucene's live docs
        }
        return docs;
    }

    /** Calls {@code each} with every set bit of {@code docs}, ascending. */
    static void forEachSetBit(FixedBitSet docs, IntConsumer each) {
        long[] words = docs.getBits();
        for (int word = 0; word < words.length; word++) {
            for (long bits = words[word]; bits != 0; bits &= bits - 1) {
                each.accept((word << 6) + Long.numberOfTrailingZeros(bits));
            }
        }
    }

    /** The documents below {@code maxDoc} not in {@code docs} (null: none is), ascending. */
    static int[] clearBits(FixedBitSet docs, int maxDoc) {
        if (docs == null) {
            int[] all = new int[maxDoc];
            Arrays.setAll(all, doc -> doc);
            return all;
        }
        int[] clear = new int[maxDoc - docs.cardinality()];
        int n = 0;
        long[] words = docs.getBits();
        for (int word = 0; n < clear.length; word++) {
            for (long bits = ~words[word]; bits != 0 && n < clear.length; bits &= bits - 1) {
                clear[n++] = word * 64 + Long.numberOfTrailingZeros(bits);
            }
        }
        return clear;
    }

    private static FixedBitSet bitSet(DocIdSet hits, int maxDoc) throws IOException {
        if (hits instanceof BitDocIdSet bits && bits.bits() instanceof FixedBitSet fixed) {
            return fixed;
        }
        FixedBitSet bits = new FixedBitSet(maxDoc);
        bits.or(hits.iterator());
        return bits;
    }
}
