package dev.artifactcache.index;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.util.IOFunction;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values derived from one segment's documents (each value's documents, the sorted
 * {@code synced_at}), shared by every searcher of one index generation. Keyed by the segment's
 * core and doc-values generation, which a refresh keeps when the segment survives, whatever its
 * deletions (a touch moves {@code synced_at} in place: a new doc-values generation), or by its core
 * alone for values read from what never moves in place ({@link #ofFixed}): so the values must not depend on
 * deletions, and a write only reads its new small segment. An entry goes when
 * its segment is closed (merged away, or the generation closed).
 */
final class SegmentCache {

    /** @param what names the value, e.g. a {@link FacetDimension} */
    private record Key(IndexReader.CacheKey core, long docValuesGeneration, Object what) {
    }

    /** Bounds the {@link #bounded} values kept: a searched word's matches take about 110 KB per 100,000 documents. */
    static final int MAX_BOUNDED = 64;

    /** Each entry completes when the one search that reads it has read it. */
    private final Map<Key, CompletableFuture<Object>> values = new ConcurrentHashMap<>();
    private final Map<Key, CompletableFuture<Object>> bounded = new ConcurrentHashMap<>();
    /** The segments with a listener that drops their entries on close: one listener per segment. */
    private final Set<IndexReader.CacheKey> watched = ConcurrentHashMap.newKeySet();

    /** The value {@code what} of {@code segment}, read by {@code read} on first use. */
    <T> T of(LeafReader segment, Object what, IOFunction<LeafReader, T> read) throws IOException {
        return cached(values, Integer.MAX_VALUE, segment, what, true, read);
    }

    /**
     * {@link #of}, for a value read only from what never moves in place: the segment's postings,
     * and doc values of fields never updated in place (every field but {@code synced_at}, the only
     * one a touch moves), e.g. the order by {@code updated_at}. A doc-values update leaves such a
     * value as it is, so it is kept across one.
     */
    <T> T ofFixed(LeafReader segment, Object what, IOFunction<LeafReader, T> read) throws IOException {
        return cached(values, Integer.MAX_VALUE, segment, what, false, read);
    }

    /**
     * {@link #of}, for values of which many are made (one per searched word): at most
     * {@link #MAX_BOUNDED} are kept, all dropped when full (the next searches read them again).
     */
    <T> T bounded(LeafReader segment, Object what, IOFunction<LeafReader, T> read) throws IOException {
        return cached(bounded, MAX_BOUNDED, segment, what, true, read);
    }

    /**
     * @param byDocValues whether the value depends on the segment's doc values (then a doc-values update reads it again)
     */
    @SuppressWarnings("unchecked")
    private <T> T cached(Map<Key, CompletableFuture<Object>> into, int max, LeafReader segment, Object what,
                        boolean byDocValues, IOFunction<LeafReader, T> read) throws IOException {
        IndexReader.CacheHelper core = segment.getCoreCacheHelper();
        if (core == null || !(segment instanceof SegmentReader segmentReader)) {
            return read.apply(segment); // a reader without a core key or generation cannot be cached
        }
        Key key = new Key(core.getKey(), byDocValues ? segmentReader.getSegmentInfo().getDocValuesGen() : -1, what);
        CompletableFuture<Object> cached = into.get(key);
        if (cached == null) {
            if (into.size() >= max) {
                into.clear();
            }
            CompletableFuture<Object> mine = new CompletableFuture<>();
            cached = into.putIfAbsent(key, mine);
            if (cached == null) {
                // One search reads it (a large segment's terms take ~0.1 s of CPU); the others missing at once wait.
                return (T) build(into, key, mine, segment, read, core);
            }
        }
        try {
            return (T) cached.join();
        } catch (CompletionException failed) {
            // The search that read it failed, and dropped the entry: the next search reads it again.
            switch (failed.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw failed;
            }
        }
    }

    private Object build(Map<Key, CompletableFuture<Object>> into, Key key, CompletableFuture<Object> entry,
                         LeafReader segment, IOFunction<LeafReader, ?> read, IndexReader.CacheHelper core) throws IOException {
        Object value;
        try {
            value = read.apply(segment);
        } catch (IOException | RuntimeException | Error failed) {
            into.remove(key, entry);
            entry.completeExceptionally(failed);
            throw failed;
        }
        entry.complete(value);
        // Older doc-values generations of the same segment are not read again by new searchers.
        // The cheap tests first: comparing what (a searched word's query) walks its ways.
        into.keySet().removeIf(k -> k.core() == key.core() && k.docValuesGeneration() < key.docValuesGeneration()
                && k.what().equals(key.what()));
        if (watched.add(key.core())) {
            core.addClosedListener(closed -> {
                values.keySet().removeIf(k -> k.core() == closed);
                bounded.keySet().removeIf(k -> k.core() == closed);
                watched.remove(closed);
            });
        }
        return value;
    }
}
