package dev.artifactcache.index;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Every live document's {@code synced_at}, sorted per segment and collection: stale counts for any
 * cut-off and the oldest value become binary searches, summed over the segments. A segment's
 * sorted values are kept across refreshes ({@link SegmentCache}: one pass over its doc values and
 * a sort, once), so a write only sorts its own small segment; deletions, which change with every
 * refresh, are subtracted per reader from the (few) deleted documents' values.
 */
final class FreshnessStats {

    private static final long[] NONE = new long[0];
    /** Names the sorted values in the {@link SegmentCache}. */
    private static final String SEGMENT_KEY = "synced_at by collection";

    /**
     * One segment as this reader sees it.
     *
     * @param all     every document's values by collection, sorted, deleted ones included
     * @param deleted the deleted documents' values by collection, sorted
     */
    private record Part(Map<String, long[]> all, Map<String, long[]> deleted) {
    }

    private final List<Part> parts;
    private final TreeSet<String> collections = new TreeSet<>();

    /** Whether two collections or more have live documents. */
    private final boolean severalCollections;

    private FreshnessStats(List<Part> parts) {
        this.parts = parts;
        parts.forEach(part -> collections.addAll(part.all().keySet()));
        this.severalCollections = collections(Long.MIN_VALUE).size() > 1;
    }

    /** @param deleted per segment (by leaf ordinal) its deleted documents, ascending, as {@link ArtifactSearcher#deletedDocuments} has them */
    static FreshnessStats of(IndexReader reader, SegmentCache segments, int[][] deleted) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            LeafReader segment = leaf.reader();
            Map<String, long[]> all = segments.of(segment, SEGMENT_KEY,
                    read -> sortedTimes(read, IntStream.range(0, read.maxDoc()).iterator()));
            int[] gone = deleted[leaf.ord];
            parts.add(new Part(all, gone.length == 0 ? Map.of() : sortedTimes(segment, Arrays.stream(gone).iterator())));
        }
        return new FreshnessStats(parts);
    }

    /** Over all collections ({@code collection} null) or one. */
    Freshness freshness(String collection, long cutoff) {
        long count = 0;
        long stale = 0;
        long oldest = Long.MAX_VALUE;
        for (String name : collection == null ? collections : List.of(collection)) {
            for (Part part : parts) {
                long[] all = part.all().getOrDefault(name, NONE);
                long[] deleted = part.deleted().getOrDefault(name, NONE);
                count += all.length - deleted.length;
                stale += below(all, cutoff) - below(deleted, cutoff);
                oldest = Math.min(oldest, firstLive(all, deleted));
            }
        }
        return new Freshness(count, stale, count == 0 ? null : EpochNanos.toInstant(oldest));
    }

    /** Whether two collections or more have live documents (found once: a reader's documents do not change). */
    boolean severalCollections() {
        return severalCollections;
    }

    /** Every collection with live documents, with its count and stale count, by name. */
    List<CollectionCount> collections(long cutoff) {
        List<CollectionCount> counts = new ArrayList<>(collections.size());
        for (String name : collections) {
            Freshness freshness = freshness(name, cutoff);
            if (freshness.total() > 0) {
                counts.add(new CollectionCount(name, freshness.total(), freshness.staleCount()));
            }
        }
        return counts;
    }

    /** The smallest value of {@code all} once {@code deleted} (a sorted sub-multiset of it) is taken out, or Long.MAX_VALUE. */
    private static long firstLive(long[] all, long[] deleted) {
        int i = 0;
        for (int d = 0; d < deleted.length && i < all.length && all[i] >= deleted[d]; d++) {
            if (all[i] == deleted[d]) {
                i++;
            }
        }
        return i < all.length ? all[i] : Long.MAX_VALUE;
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

    /** The {@code synced_at} of the segment's documents that {@code docs} lists, by collection, sorted. */
    private static Map<String, long[]> sortedTimes(LeafReader segment, PrimitiveIterator.OfInt docs) throws IOException {
        SortedSetDocValues collections = DocValues.getSortedSet(segment, FacetDimension.COLLECTION.facetField());
        NumericDocValues synced = DocValues.getNumeric(segment, ArtifactFields.SYNCED_AT);
        Values[] byOrd = new Values[(int) collections.getValueCount()];
        while (docs.hasNext()) {
            int doc = docs.nextInt();
            if (collections.advanceExact(doc) && synced.advanceExact(doc)) {
                int ord = (int) collections.nextOrd();
                if (byOrd[ord] == null) {
                    byOrd[ord] = new Values();
                }
                byOrd[ord].add(synced.longValue());
            }
        }
        Map<String, long[]> sorted = new HashMap<>();
        for (int ord = 0; ord < byOrd.length; ord++) {
            if (byOrd[ord] != null) {
                sorted.put(FacetsConfig.stringToPath(collections.lookupOrd(ord).utf8ToString())[1], byOrd[ord].sorted());
            }
        }
        return sorted;
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
