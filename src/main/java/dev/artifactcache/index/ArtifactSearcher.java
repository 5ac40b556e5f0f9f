package dev.artifactcache.index;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.util.IOSupplier;

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
    /** Bounds the per-segment values kept: at 100,000 documents one takes about 110 KB. */
    private static final int MAX_PER_SEGMENT = 64;

    private volatile FreshnessStats freshness;
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();
    private final Map<Object, Object> perSegment = new ConcurrentHashMap<>();
    private final SegmentCache segments;

    /**
     * The exact total of a request and, when counted, its facets.
     *
     * @param facets the facet counts, or null when only the total was computed
     */
    record Summary(long total, FacetCounts facets) {
    }

    ArtifactSearcher(IndexReader reader, SegmentCache segments) {
        super(reader);
        this.segments = segments;
    }

    /** Each value's documents of {@code dimension} in {@code segment}, kept while the segment lives. */
    SegmentValues segmentValues(LeafReader segment, FacetDimension dimension) throws IOException {
        return segments.of(segment, dimension, reader -> SegmentValues.read(reader, dimension));
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
     * A value derived from one segment of this reader, computed on first use under {@code key}
     * (which names the segment) and shared by the searches that follow. Two searches that miss at
     * once both compute it; either result is right.
     */
    @SuppressWarnings("unchecked")
    <T> T perSegment(Object key, IOSupplier<T> compute) throws IOException {
        Object cached = perSegment.get(key);
        if (cached != null) {
            return (T) cached;
        }
        T computed = compute.get();
        if (perSegment.size() >= MAX_PER_SEGMENT) {
            perSegment.clear();
        }
        perSegment.put(key, computed);
        return computed;
    }
}
