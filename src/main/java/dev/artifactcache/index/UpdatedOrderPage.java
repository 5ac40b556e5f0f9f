package dev.artifactcache.index;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IntroSorter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A page in {@code updated_at} order from the request's hit sets, without sorting the hits. Each
 * segment keeps its documents in (updated_at, key) order ({@link Order}, built once per segment:
 * neither value changes in place), and a page walks that order from the cursor's position, testing
 * each document against the hit set, until it has enough. Where the hits are too few for the walk
 * to end soon, each hit's rank in the order is taken instead and the best ranks kept. The
 * segments' candidates then meet in a merge by (updated_at, key), reading a key's bytes only for
 * a tie and for the page.
 *
 * <p>{@link SortOrder#UPDATED} is (updated_at, key) ascending, {@link SortOrder#UPDATED_DESC} its
 * exact reverse, a document without {@code updated_at} first ascending, matching {@link SortFields}
 * and the cursor values {@code [updated_at, key]}.
 */
final class UpdatedOrderPage {

    /** How a segment's candidates are found: by the cheaper way for its share of hits, or forced (tests compare all three). */
    enum Method { CHEAPEST, WALK, RANKS }

    private UpdatedOrderPage() {
    }

    /** One segment's documents by (updated_at, key), deleted ones included. */
    static final class Order {
        /** By rank, the documents. */
        private final int[] docs;
        /** By document, its rank. */
        private final int[] ranks;
        /** By document, its {@code updated_at}, {@link Long#MIN_VALUE} where it has none (as the sort's missing value). */
        private final long[] updated;
        /** By document, the ordinal of its key in the segment (key order), -1 where it has none. */
        private final int[] keyOrds;

        private Order(int[] docs, int[] ranks, long[] updated, int[] keyOrds) {
            this.docs = docs;
            this.ranks = ranks;
            this.updated = updated;
            this.keyOrds = keyOrds;
        }

        static Order read(LeafReader reader) throws IOException {
            int maxDoc = reader.maxDoc();
            long[] updated = new long[maxDoc];
            Arrays.fill(updated, Long.MIN_VALUE);
            NumericDocValues values = DocValues.getNumeric(reader, ArtifactFields.UPDATED_AT);
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                updated[doc] = values.longValue();
            }
            int[] keyOrds = new int[maxDoc];
            Arrays.fill(keyOrds, -1);
            SortedDocValues keys = DocValues.getSorted(reader, ArtifactFields.KEY);
            for (int doc = keys.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = keys.nextDoc()) {
                keyOrds[doc] = keys.ordValue();
            }
            int[] docs = new int[maxDoc];
            Arrays.setAll(docs, doc -> doc);
            new IntroSorter() {
                private int pivot;

                @Override
                protected void swap(int i, int j) {
                    int doc = docs[i];
                    docs[i] = docs[j];
                    docs[j] = doc;
                }

                @Override
                protected int compare(int i, int j) {
                    return compareDocs(docs[i], docs[j]);
                }

                @Override
                protected void setPivot(int i) {
                    pivot = docs[i];
                }

                @Override
                protected int comparePivot(int j) {
                    return compareDocs(pivot, docs[j]);
                }

                private int compareDocs(int a, int b) {
                    int byUpdated = Long.compare(updated[a], updated[b]);
                    return byUpdated != 0 ? byUpdated : Integer.compare(keyOrds[a], keyOrds[b]);
                }
            }.sort(0, maxDoc);
            int[] ranks = new int[maxDoc];
            for (int rank = 0; rank < maxDoc; rank++) {
                ranks[docs[rank]] = rank;
            }
            return new Order(docs, ranks, updated, keyOrds);
        }

        /**
         * The first rank whose document comes after the cursor ({@code strict}), or at or after it;
         * by binary search, the key compared by its ordinal in this segment.
         */
        int firstRank(SortedValuesArray keys, long cursorUpdated, BytesRef cursorKey, boolean strict) {
            int keyOrd = keys.lookup(cursorKey); // -(insertion) - 1 when absent
            int low = 0;
            int high = docs.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                int cmp = compareToCursor(docs[mid], cursorUpdated, keyOrd);
                if (cmp > 0 || (cmp == 0 && !strict)) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }

        private int compareToCursor(int doc, long cursorUpdated, int cursorKeyOrd) {
            int byUpdated = Long.compare(updated[doc], cursorUpdated);
            if (byUpdated != 0) {
                return byUpdated;
            }
            if (cursorKeyOrd >= 0) {
                return Integer.compare(keyOrds[doc], cursorKeyOrd);
            }
            return keyOrds[doc] < -cursorKeyOrd - 1 ? -1 : 1;
        }

        /**
         * Up to {@code wanted} ranks in [{@code from}, {@code to}) whose documents are in {@code hits}
         * ({@code hitCount} of them in the segment), the first ones ascending or the last ones
         * descending, in page order.
         */
        int[] pageRanks(FixedBitSet hits, int hitCount, int from, int to, boolean descending, int wanted, Method method) {
            boolean walk = method == Method.WALK
                    || method == Method.CHEAPEST && (long) wanted * docs.length < (long) hitCount * hitCount;
            return walk ? walk(hits, from, to, descending, wanted) : byRank(hits, hitCount, from, to, descending, wanted);
        }

        /** Along the order from the cursor: about wanted × maxDoc / hits steps. */
        private int[] walk(FixedBitSet hits, int from, int to, boolean descending, int wanted) {
            int[] page = new int[wanted];
            int n = 0;
            if (descending) {
                for (int rank = to - 1; rank >= from && n < wanted; rank--) {
                    if (hits.get(docs[rank])) {
                        page[n++] = rank;
                    }
                }
            } else {
                for (int rank = from; rank < to && n < wanted; rank++) {
                    if (hits.get(docs[rank])) {
                        page[n++] = rank;
                    }
                }
            }
            return n == wanted ? page : Arrays.copyOf(page, n);
        }

        /** Every hit's rank, sorted: about hits × log(hits) steps. */
        private int[] byRank(FixedBitSet hits, int hitCount, int from, int to, boolean descending, int wanted) {
            int[] eligible = new int[hitCount];
            int n = 0;
            for (int doc = hits.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
                 doc = doc + 1 < hits.length() ? hits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
                int rank = ranks[doc];
                if (rank >= from && rank < to) {
                    eligible[n++] = rank;
                }
            }
            Arrays.sort(eligible, 0, n);
            int size = Math.min(n, wanted);
            int[] page = new int[size];
            for (int i = 0; i < size; i++) {
                page[i] = descending ? eligible[n - 1 - i] : eligible[i];
            }
            return page;
        }
    }

    /**
     * @param hits per segment the matching live documents, or null where none
     * @return up to {@code wanted} hits as {@link FieldDoc}s with fields {@code [updated_at, key]}
     */
    static FieldDoc[] collect(ArtifactSearcher searcher, HitSets.HitSet hits, boolean descending, FieldDoc after, int wanted,
                              Method method) throws IOException {
        List<Leaf> candidates = new ArrayList<>();
        for (LeafReaderContext context : searcher.getIndexReader().leaves()) {
            FixedBitSet matching = hits.docs()[context.ord];
            if (matching == null || hits.sizes()[context.ord] == 0) {
                continue;
            }
            LeafReader reader = context.reader();
            Order order = searcher.updatedOrder(reader);
            SortedValuesArray keys = searcher.sortedValues(reader, ArtifactFields.KEY);
            int from = 0;
            int to = reader.maxDoc();
            if (after != null) {
                int cursor = order.firstRank(keys, (Long) after.fields[0], (BytesRef) after.fields[1], !descending);
                if (descending) {
                    to = cursor;
                } else {
                    from = cursor;
                }
            }
            int[] ranks = order.pageRanks(matching, hits.sizes()[context.ord], from, to, descending, wanted, method);
            if (ranks.length > 0) {
                candidates.add(new Leaf(context, order, ranks, keys));
            }
        }
        return SegmentCandidates.merge(candidates, descending, wanted);
    }

    /** One segment's candidates, in page order, with the head's key read on demand. */
    private static final class Leaf extends SegmentCandidates<Leaf> {
        private final Order order;
        private final int[] ranks;
        private final SortedValuesArray keys;
        private int head;
        private BytesRef headKey;

        Leaf(LeafReaderContext context, Order order, int[] ranks, SortedValuesArray keys) {
            super(context);
            this.order = order;
            this.ranks = ranks;
            this.keys = keys;
        }

        @Override
        int headDoc() {
            return order.docs[ranks[head]];
        }

        @Override
        Object[] headValues() {
            return new Object[] {headUpdated(), headKey()};
        }

        long headUpdated() {
            return order.updated[headDoc()];
        }

        BytesRef headKey() {
            if (headKey == null) {
                int ord = order.keyOrds[headDoc()];
                headKey = ord < 0 ? new BytesRef() : keys.value(ord);
            }
            return headKey;
        }

        @Override
        boolean headIsLast() {
            return head == ranks.length - 1;
        }

        @Override
        boolean advance() {
            head++;
            headKey = null;
            return head < ranks.length;
        }

        /** Ascending (updated_at, key) order of the two heads. */
        @Override
        int compareHead(Leaf other) {
            int byUpdated = Long.compare(headUpdated(), other.headUpdated());
            return byUpdated != 0 ? byUpdated : headKey().compareTo(other.headKey());
        }
    }
}
