package dev.artifactcache.index;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each segment's {@link SegmentValues}, shared by every searcher of one index generation. Keyed by
 * the segment's core (which a refresh keeps when the segment survives, whatever its deletions), so
 * a write only makes the new segment's values; an entry goes when its segment is closed (merged
 * away or the generation closed).
 */
final class SegmentValueCache {

    private record Key(IndexReader.CacheKey core, FacetDimension dimension) {
    }

    private final Map<Key, SegmentValues> values = new ConcurrentHashMap<>();

    /** The values of {@code dimension} in {@code segment}, read on first use. */
    SegmentValues of(LeafReader segment, FacetDimension dimension) throws IOException {
        IndexReader.CacheHelper core = segment.getCoreCacheHelper();
        if (core == null) {
            return SegmentValues.read(segment, dimension); // a reader without a core key cannot be cached
        }
        Key key = new Key(core.getKey(), dimension);
        SegmentValues cached = values.get(key);
        if (cached != null) {
            return cached;
        }
        // Two searches missing at once both read it; either result is right.
        SegmentValues read = SegmentValues.read(segment, dimension);
        if (values.putIfAbsent(key, read) == null) {
            core.addClosedListener(closed -> values.keySet().removeIf(k -> k.core() == closed));
        }
        return read;
    }
}
