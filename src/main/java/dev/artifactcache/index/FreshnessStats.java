package dev.artifactcache.index;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every live document's {@code synced_at}, sorted, per collection and overall: stale counts for any
 * cut-off and the oldest value become binary searches. Built once per reader (one pass over the doc
 * values and a sort), because the cut-off moves with every request while the reader does not.
 */
final class FreshnessStats {

    private static final long[] NONE = new long[0];

    private final Map<String, long[]> byCollection;
    private final long[] all;

    private FreshnessStats(Map<String, long[]> byCollection, long[] all) {
        this.byCollection = byCollection;
        this.all = all;
    }

    static FreshnessStats of(IndexReader reader) throws IOException {
        Map<String, Values> collected = new HashMap<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            SortedSetDocValues collections = DocValues.getSortedSet(leaf.reader(), FacetDimension.COLLECTION.facetField());
            NumericDocValues synced = DocValues.getNumeric(leaf.reader(), ArtifactFields.SYNCED_AT);
            Bits live = leaf.reader().getLiveDocs();
            Values[] byOrd = new Values[(int) collections.getValueCount()];
            for (int doc = collections.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = collections.nextDoc()) {
                if ((live == null || live.get(doc)) && synced.advanceExact(doc)) {
                    int ord = (int) collections.nextOrd();
                    if (byOrd[ord] == null) {
                        String label = FacetsConfig.stringToPath(collections.lookupOrd(ord).utf8ToString())[1];
                        byOrd[ord] = collected.computeIfAbsent(label, l -> new Values());
                    }
                    byOrd[ord].add(synced.longValue());
                }
            }
        }
        Map<String, long[]> byCollection = new TreeMap<>();
        List<long[]> parts = new ArrayList<>();
        collected.forEach((collection, values) -> {
            long[] sorted = values.sorted();
            byCollection.put(collection, sorted);
            parts.add(sorted);
        });
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        Arrays.sort(all);
        return new FreshnessStats(byCollection, all);
    }

    /** Over all collections ({@code collection} null) or one. */
    Freshness freshness(String collection, long cutoff) {
        long[] values = collection == null ? all : byCollection.getOrDefault(collection, NONE);
        return new Freshness(values.length, below(values, cutoff), values.length == 0 ? null : EpochNanos.toInstant(values[0]));
    }

    /** Every collection with its count and stale count, by name. */
    List<CollectionCount> collections(long cutoff) {
        List<CollectionCount> counts = new ArrayList<>(byCollection.size());
        byCollection.forEach((name, values) -> counts.add(new CollectionCount(name, values.length, below(values, cutoff))));
        return counts;
    }

    /** How many sorted values are below {@code cutoff}. */
    private static long below(long[] sorted, long cutoff) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < cutoff) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** A growable array of longs. */
    private static final class Values {
        private long[] values = new long[64];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] sorted() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted;
        }
    }
}
