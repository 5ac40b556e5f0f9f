package dev.artifactcache.index;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IOFunction;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An index searcher that carries what is costly to derive from its reader: the sorted
 * {@code synced_at} values, the exact totals and facet counts of the requests seen (the same
 * text and filters page after page, tab after tab), and each searched word's matches per segment. Each is computed on first use and then shared
 * by every search on this reader. A refresh makes a new searcher, so nothing here is ever stale;
 * the first request after a write pays the full count. Each segment's facet values outlive the
 * searcher ({@link SegmentCache}), and so do the sorted {@code synced_at} of each segment: a write only adds a small segment to read.
 */
final class ArtifactSearcher extends IndexSearcher {

    /** Makes one per refreshed reader (SearcherManager calls it), all sharing {@code segments}. */
    static SearcherFactory factory(SegmentCache segments) {
        return new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                return new ArtifactSearcher(reader, segments);
            }
        };
    }

    /** Bounds the summaries kept per reader; readers are replaced on every write anyway. */
    private static final int MAX_SUMMARIES = 256;

    private volatile FreshnessStats freshness;
    private volatile FixedBitSet[] liveDocuments;
    private volatile int[][] deletedDocuments;
    private final Map<FacetDimension, ReaderValues> readerValues = new ConcurrentHashMap<>();
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();
    private final SegmentCache segments;

    /**
     * The exact total of a request and, when counted, its facets.
     *
     * @param facets the facet counts, or null when only the total was computed
     */
    record Summary(long total, FacetCounts facets) {
    }

    /**
     * Without an executor: each search runs on its request's thread, segment after segment. On two
     * cores serving concurrent requests, handing a search's segments to other threads adds hand-offs
     * and no idle core to use (measured: no CPU saved per request with 1 or 8 clients).
     */
    ArtifactSearcher(IndexReader reader, SegmentCache segments) {
        super(reader);
        this.segments = segments;
    }

    /** Each value's documents of {@code dimension} in {@code segment}, kept while the segment lives. */
    SegmentValues segmentValues(LeafReader segment, FacetDimension dimension) throws IOException {
        return segments.ofFixed(segment, dimension, reader -> SegmentValues.read(reader, dimension));
    }

    /** Each document's values of {@code dimension} in {@code segment} ({@link DocumentValues}), kept while the segment lives. */
    DocumentValues documentValues(LeafReader segment, FacetDimension dimension) throws IOException {
        return segments.ofFixed(segment, "values by document of " + dimension.dim(), reader ->
                DocumentValues.of(segmentValues(reader, dimension), reader.maxDoc()));
    }

    /**
     * Per type value and value of {@code dimension} in {@code segment}, how many documents hold
     * both ({@link SegmentValues#countsByType}), kept while the segment lives.
     */
    int[][] countsByType(LeafReader segment, FacetDimension dimension) throws IOException {
        return segments.ofFixed(segment, "counts by type of " + dimension.dim(), reader ->
                segmentValues(reader, dimension).countsByType(segmentValues(reader, FacetDimension.TYPE), reader.maxDoc()));
    }

    /** Every value of {@code dimension} in this reader, numbered; built on first use. */
    ReaderValues readerValues(FacetDimension dimension) throws IOException {
        ReaderValues values = readerValues.get(dimension);
        if (values == null) {
            values = ReaderValues.of(this, dimension);
            readerValues.put(dimension, values); // two first uses at once both build it; either is right
        }
        return values;
    }

    /** Per segment (by leaf ordinal) its deleted documents, ascending; built on first use. */
    int[][] deletedDocuments() {
        int[][] deleted = deletedDocuments;
        if (deleted == null) {
            FixedBitSet[] live = liveDocuments();
            deleted = new int[live.length][];
            for (LeafReaderContext leaf : getIndexReader().leaves()) {
                deleted[leaf.ord] = HitSets.clearBits(live[leaf.ord], leaf.reader().maxDoc());
            }
            deletedDocuments = deleted;
        }
        return deleted;
    }

    /** The values of the sorted doc-values {@code field} of {@code segment} by ordinal, kept while the segment lives. */
    SortedValuesArray sortedValues(LeafReader segment, String field) throws IOException {
        return segments.ofFixed(segment, "values of " + field, reader -> SortedValuesArray.read(reader, field));
    }

    /** The documents of {@code segment} in {@code updated_at} order, kept while the segment lives. */
    UpdatedOrderPage.Order updatedOrder(LeafReader segment) throws IOException {
        return segments.ofFixed(segment, UpdatedOrderPage.Order.class, UpdatedOrderPage.Order::read);
    }

    /**
     * Per segment (by leaf ordinal) its live documents, or null where none; built on first use.
     * Shared: callers must not modify the sets.
     */
    FixedBitSet[] liveDocuments() {
        FixedBitSet[] live = liveDocuments;
        if (live == null) {
            live = HitSets.liveDocuments(getIndexReader().leaves());
            liveDocuments = live; // two first uses at once both build it; either is right
        }
        return live;
    }

    /** The hashes of the document keys of {@code segment}, kept while the segment lives. */
    SegmentKeys segmentKeys(LeafReader segment) throws IOException {
        return segments.ofFixed(segment, SegmentKeys.class, reader -> SegmentKeys.read(reader, ArtifactFields.KEY));
    }

    /** The terms of {@code field} of {@code segment} (a text field, or the exact names) with their documents, kept while the segment lives. */
    SegmentTerms segmentTerms(LeafReader segment, String field) throws IOException {
        return segments.ofFixed(segment, new SegmentTerms.Of(field), reader -> SegmentTerms.read(reader, field));
    }

    /** The sorted {@code synced_at} values of this reader, built on first use. */
    FreshnessStats freshness() throws IOException {
        FreshnessStats stats = freshness;
        if (stats == null) {
            synchronized (this) {
                if (freshness == null) {
                    freshness = FreshnessStats.of(getIndexReader(), segments, deletedDocuments());
                }
                stats = freshness;
            }
        }
        return stats;
    }

    /** A summary already computed under {@code key} on this reader, or null. */
    Summary cachedSummary(String key) {
        return summaries.get(key);
    }

    void storeSummary(String key, Summary summary) {
        if (summaries.size() >= MAX_SUMMARIES) {
            summaries.clear();
        }
        summaries.put(key, summary);
    }

    /**
     * A value derived from one segment's documents under {@code key} (e.g. a searched word's
     * matches), deletions aside: computed on first use and shared by the searches that follow, on
     * this reader and on the next ones while the segment lives (at most {@link SegmentCache#MAX_BOUNDED}).
     */
    <T> T perSegment(LeafReader segment, Object key, IOFunction<LeafReader, T> compute) throws IOException {
        return segments.bounded(segment, key, compute);
    }
}
