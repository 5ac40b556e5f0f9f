package dev.artifactcache.index;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A page in name order from the request's hit sets, without comparing names document by document.
 * Every segment is sorted by (name, key), the index sort, so within a segment name order is doc id
 * order: the next page ascending is the first hits after the cursor's position, descending the
 * last hits before it, found by skipping along the hit set's words. The cursor's position is found
 * by binary search over ordinals; only the few candidates that meet other segments' candidates
 * have their names read, in a k-way merge.
 *
 * <p>{@link SortOrder#NAME} is (name, key) ascending and {@link SortOrder#NAME_DESC} its exact
 * reverse, matching {@link SortFields} and the cursor values {@code [name, key]}.
 */
final class NameOrderPage {

    private NameOrderPage() {
    }

    /**
     * @return up to {@code wanted} hits as {@link FieldDoc}s with fields {@code [name, key]}, or null
     *         when a segment is not sorted by name (then the caller sorts the usual way)
     */
    static FieldDoc[] collect(ArtifactSearcher searcher, HitSets.HitSet hits, boolean descending, FieldDoc after, int wanted)
            throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (LeafReaderContext leaf : leaves) {
            if (!SortFields.INDEX.equals(leaf.reader().getMetaData().sort())) {
                return null;
            }
        }
        List<Leaf> candidates = new ArrayList<>();
        for (LeafReaderContext context : leaves) {
            FixedBitSet matching = hits.docs()[context.ord];
            Leaf leaf = matching == null ? null : Leaf.collect(searcher, context, matching, descending, after, wanted);
            if (leaf != null) {
                candidates.add(leaf);
            }
        }
        return SegmentCandidates.merge(candidates, descending, wanted);
    }

    /** One segment's candidates, in page order, with the head's name and key read on demand. */
    private static final class Leaf extends SegmentCandidates<Leaf> {
        private final int[] docs;
        private final int[] nameOrds;
        private final int[] keyOrds;
        private final SortedValuesArray names;
        private final SortedValuesArray keys;
        private int head;
        private BytesRef headName;
        private BytesRef headKey;

        private Leaf(LeafReaderContext context, int[] docs, int[] nameOrds, int[] keyOrds, SortedValuesArray names,
                     SortedValuesArray keys) {
            super(context);
            this.docs = docs;
            this.nameOrds = nameOrds;
            this.keyOrds = keyOrds;
            this.names = names;
            this.keys = keys;
        }

        /** The first hits from the cursor on (ascending), or the last before it (descending); null when none. */
        static Leaf collect(ArtifactSearcher searcher, LeafReaderContext context, FixedBitSet hits, boolean descending,
                            FieldDoc after, int wanted) throws IOException {
            int from = 0;
            int to = context.reader().maxDoc();
            if (after != null) {
                CursorPosition position = new CursorPosition(context, (BytesRef) after.fields[0], (BytesRef) after.fields[1]);
                if (descending) {
                    to = position.firstNotBefore();
                } else {
                    from = position.firstAfter();
                }
            }
            int[] docs = new int[wanted];
            int count = 0;
            if (descending) {
                for (int doc = to > 0 ? hits.prevSetBit(to - 1) : -1; doc >= from && count < wanted;
                     doc = doc > 0 ? hits.prevSetBit(doc - 1) : -1) {
                    docs[count++] = doc;
                }
            } else {
                for (int doc = from < to ? hits.nextSetBit(from) : DocIdSetIterator.NO_MORE_DOCS; doc < to && count < wanted;
                     doc = doc + 1 < to ? hits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                    docs[count++] = doc;
                }
            }
            return count == 0 ? null : withOrds(searcher, context, Arrays.copyOf(docs, count));
        }

        private static Leaf withOrds(ArtifactSearcher searcher, LeafReaderContext context, int[] docs) throws IOException {
            int[] nameOrds = new int[docs.length];
            int[] keyOrds = new int[docs.length];
            SortedDocValues names = DocValues.getSorted(context.reader(), ArtifactFields.NAME_SORT);
            SortedDocValues keys = DocValues.getSorted(context.reader(), ArtifactFields.KEY);
            boolean increasing = docs.length < 2 || docs[0] < docs[1];
            for (int n = 0; n < docs.length; n++) {
                int i = increasing ? n : docs.length - 1 - n; // doc-values iterators only move forward
                nameOrds[i] = names.advanceExact(docs[i]) ? names.ordValue() : -1;
                keyOrds[i] = keys.advanceExact(docs[i]) ? keys.ordValue() : -1;
            }
            return new Leaf(context, docs, nameOrds, keyOrds, searcher.sortedValues(context.reader(), ArtifactFields.NAME_SORT),
                    searcher.sortedValues(context.reader(), ArtifactFields.KEY));
        }

        @Override
        int headDoc() {
            return docs[head];
        }

        @Override
        Object[] headValues() {
            return new Object[] {headName(), headKey()};
        }

        BytesRef headName() {
            if (headName == null) {
                headName = nameOrds[head] < 0 ? new BytesRef() : names.value(nameOrds[head]);
            }
            return headName;
        }

        BytesRef headKey() {
            if (headKey == null) {
                headKey = keyOrds[head] < 0 ? new BytesRef() : keys.value(keyOrds[head]);
            }
            return headKey;
        }

        @Override
        boolean headIsLast() {
            return head == docs.length - 1;
        }

        @Override
        boolean advance() {
            head++;
            headName = null;
            headKey = null;
            return head < docs.length;
        }

        /** Ascending (name, key) order of the two heads. */
        @Override
        int compareHead(Leaf other) {
            int byName = headName().compareTo(other.headName());
            return byName != 0 ? byName : headKey().compareTo(other.headKey());
        }
    }

    /** Where a cursor's (name, key) falls among a sorted segment's documents, by binary search. */
    static final class CursorPosition {
        private final LeafReaderContext context;
        private final BytesRef key;
        /** The cursor name's ordinal in this segment, or -(insertion point) - 1 when absent. */
        private final int nameOrd;

        CursorPosition(LeafReaderContext context, BytesRef name, BytesRef key) throws IOException {
            this.context = context;
            this.key = key;
            this.nameOrd = DocValues.getSorted(context.reader(), ArtifactFields.NAME_SORT).lookupTerm(name);
        }

        /** The first doc strictly after the cursor. */
        int firstAfter() throws IOException {
            return search(true);
        }

        /** The first doc at or after the cursor: docs before it come before the cursor. */
        int firstNotBefore() throws IOException {
            return search(false);
        }

        private int search(boolean strict) throws IOException {
            int low = 0;
            int high = context.reader().maxDoc();
            while (low < high) {
                int mid = (low + high) >>> 1;
                int cmp = compareToCursor(mid);
                if (cmp > 0 || (cmp == 0 && !strict)) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }

        /** The doc's (name, key) against the cursor's. */
        private int compareToCursor(int doc) throws IOException {
            SortedDocValues names = DocValues.getSorted(context.reader(), ArtifactFields.NAME_SORT);
            int ord = names.advanceExact(doc) ? names.ordValue() : -1;
            if (nameOrd < 0) {
                int insertion = -nameOrd - 1;
                return ord < insertion ? -1 : 1;
            }
            if (ord != nameOrd) {
                return Integer.compare(ord, nameOrd);
            }
            SortedDocValues keys = DocValues.getSorted(context.reader(), ArtifactFields.KEY);
            BytesRef docKey = keys.advanceExact(doc) ? keys.lookupOrd(keys.ordValue()) : new BytesRef();
            return docKey.compareTo(key);
        }
    }
}
