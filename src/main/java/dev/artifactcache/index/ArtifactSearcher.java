package dev.artifactcache.index;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
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
        return segments.ofPostings(segment, dimension, reader -> SegmentValues.read(reader, dimension));
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
        return segments.ofPostings(segment, SegmentKeys.class, reader -> SegmentKeys.read(reader, ArtifactFields.KEY));
    }

    /** The terms of a text {@code field} of {@code segment} with their documents, kept while the segment lives. */
    SegmentTerms segmentTerms(LeafReader segment, String field) throws IOException {
        return segments.ofPostings(segment, new SegmentTerms.Of(field), reader -> SegmentTerms.read(reader, field));
    }

    /** The sorted {@code synced_at} values of this reader, built on first use. */
    FreshnessStats freshness() throws IOException {
        FreshnessStats stats = freshness;
        if (stats == null) {
            synchronized (this) {
                if (freshness == null) {
                    freshness = FreshnessStats.of(getIndexReader(), segments);
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
