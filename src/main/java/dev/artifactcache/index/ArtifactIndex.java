package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The Lucene read model of the artifacts: one document per live row, kept in step by change
 * sequence, searched near-real-time. Writes come from one writer thread at a time; reads are
 * lock-free and may run on any number of threads, including while a rebuild swaps the index.
 */
public final class ArtifactIndex implements AutoCloseable {

    /** Bump when the document schema or analysis changes: older indexes are then rebuilt. */
    public static final int SCHEMA_VERSION = 3; // 2: sync_state and sync_warnings (issue #16); 3: text positions, for phrases

    private static final System.Logger LOG = System.getLogger(ArtifactIndex.class.getName());

    private final IndexFolder folder;
    private final Object writeLock = new Object();
    private final Object rebuildLock = new Object();
    private volatile IndexGeneration current;
    private volatile long appliedSeq;
    private volatile boolean needsRebuild;
    /** Rows were applied since the last refresh (under {@link #writeLock}). */
    private boolean unrefreshed;
    private boolean closed;
    private volatile MembershipLookup memberships = MembershipLookup.NONE;

    private ArtifactIndex(IndexFolder folder, IndexGeneration current, boolean needsRebuild) {
        this.folder = folder;
        this.current = current;
        this.appliedSeq = current.committedSeq();
        this.needsRebuild = needsRebuild;
    }

    /**
     * Opens (or creates) the index under {@code folder} (e.g. {@code <data>/lucene}). If the index
     * is missing, corrupt (any exception opening it), or was written with another
     * {@link #SCHEMA_VERSION}, opens a fresh empty one and {@link #needsRebuild()} is true.
     *
     * @throws LockObtainFailedException when another process has this index open
     * @throws IOException               when the folder itself cannot be created or written
     */
    public static ArtifactIndex open(Path folder) throws IOException {
        Files.createDirectories(folder);
        IndexFolder layout = new IndexFolder(folder);
        Optional<Path> active = layout.active();
        IndexGeneration generation = null;
        if (active.isPresent()) {
            try {
                generation = IndexGeneration.open(active.get());
            } catch (LockObtainFailedException e) {
                throw e; // in use by another process: starting over would destroy its index
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "index at {0} cannot be used ({1}); starting an empty one to rebuild",
                        active.get(), e.toString());
            }
        }
        boolean fresh = generation == null;
        if (fresh) {
            Path path = layout.next();
            generation = IndexGeneration.create(path, IndexGeneration.LIVE_RAM_MB);
            layout.activate(path);
        }
        layout.deleteAllBut(generation.path);
        return new ArtifactIndex(layout, generation, fresh);
    }

    /**
     * Where documents take the user collections their artifact is a member of, from now on; a
     * membership change reaches the index as its member rows' new seq, applied like any change.
     */
    public void useMemberships(MembershipLookup lookup) {
        this.memberships = lookup;
    }

    /** True when the index was missing, corrupt or of another schema at open, until {@link #rebuild} ran. */
    public boolean needsRebuild() {
        return needsRebuild;
    }

    /** The highest row seq applied: from the last commit at open, then kept in memory. 0 for a fresh index. */
    public long appliedSeq() {
        return appliedSeq;
    }

    /**
     * Applies rows in seq order: upsert by key, delete by key for tombstones. Visible to searches
     * when this returns; not durable until {@link #commit()} (the rows are, and replay the gap).
     *
     * @throws IllegalArgumentException when a live row lacks metadata or synced_at; nothing is applied then
     */
    public void apply(List<ArtifactRow> rows) throws IOException {
        apply(rows, Set.of(), true);
    }

    // Rows handed over by the writer that committed them (a population's chunks).
    /**
     * {@link #apply(List)}, where {@code newKeys} are keys that had no row before the write that
     * made these rows, so no document either (the index is never ahead of the database): they are
     * added without the delete by key an update costs. With {@code visible} false, searches see
     * the rows only after the next {@link #refresh()} or visible apply: a bulk of writes then
     * flushes fewer, larger segments.
     */
    public void apply(List<ArtifactRow> rows, Set<String> newKeys, boolean visible) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        List<ArtifactRow> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparingLong(ArtifactRow::seq));
        List<Document> documents = new ArrayList<>(ordered.size());
        for (ArtifactRow row : ordered) {
            documents.add(row.deleted() ? null : ArtifactDocument.of(row, memberships)); // validate all before writing any
        }
        synchronized (writeLock) {
            IndexGeneration generation = writable();
            long seq = appliedSeq;
            for (int i = 0; i < ordered.size(); i++) {
                ArtifactRow row = ordered.get(i);
                Term key = ArtifactDocument.keyTerm(row.key());
                if (documents.get(i) == null) {
                    generation.writer.deleteDocuments(key);
                } else if (newKeys.contains(row.key())) {
                    generation.writer.addDocument(documents.get(i));
                } else {
                    generation.writer.updateDocument(key, documents.get(i));
                }
                seq = Math.max(seq, row.seq());
            }
            if (visible) {
                generation.refresh();
            }
            unrefreshed = !visible;
            appliedSeq = seq;
        }
    }

    /** Makes the rows applied without {@code visible} visible to searches. */
    public void refresh() throws IOException {
        synchronized (writeLock) {
            if (unrefreshed) {
                writable().refresh();
                unrefreshed = false;
            }
        }
    }

    /** Moves only {@code synced_at} of the documents with these keys ({@code collection/id}); unknown keys are ignored. */
    public void touch(Collection<String> keys, Instant syncedAt) throws IOException {
        touch(keys, syncedAt, 0);
    }

    /** {@link #touch(Collection, Instant)} as the change {@code seq} of the database's order: the applied seq moves up to it. */
    public void touch(Collection<String> keys, Instant syncedAt, long seq) throws IOException {
        long value = EpochNanos.of(syncedAt);
        synchronized (writeLock) {
            IndexGeneration generation = writable();
            for (String key : keys) {
                generation.writer.updateNumericDocValue(ArtifactDocument.keyTerm(key), ArtifactFields.SYNCED_AT, value);
            }
            if (!keys.isEmpty()) {
                generation.refresh();
            }
            appliedSeq = Math.max(appliedSeq, seq);
        }
    }

    /**
     * Merges the index into one segment and makes that visible. A population that wrote most
     * documents anew leaves the segments its flushes made (eight at 100,000), and a text search
     * looks its words, prefixes and typos up in each segment's terms: a multiple of one segment's
     * cost. The merge runs outside the write lock, so writes go on meanwhile; an index rebuilt
     * meanwhile is left as it is.
     */
    public void compact() throws IOException {
        IndexGeneration generation;
        synchronized (writeLock) {
            generation = writable();
        }
        try {
            generation.writer.forceMerge(1);
        } catch (AlreadyClosedException e) {
            return; // replaced by a rebuild, which wrote its own segments
        }
        synchronized (writeLock) {
            if (generation == writable()) {
                generation.refresh();
            }
        }
    }

    /** Durable commit, recording {@link #appliedSeq()} and {@link #SCHEMA_VERSION}. */
    public void commit() throws IOException {
        // The fsync runs outside the write lock so that applies go on meanwhile. Everything up to
        // the sequence read here was handed to the writer before the commit starts, so the commit
        // holds it; rows applied during the commit may be in it too, and replaying those again
        // is harmless (upserts and deletes by key).
        IndexGeneration generation;
        long seq;
        synchronized (writeLock) {
            generation = writable();
            seq = appliedSeq;
        }
        generation.commit(seq);
    }

    /**
     * Builds a complete new index from {@code rows} (tombstones skipped; keys must be unique) in a
     * fresh generation folder, commits it with applied seq {@code seq}, swaps it in atomically and
     * deletes the old one. Searches keep using the old index until the swap and never fail.
     * Rows applied meanwhile go to the old index and are lost with it: replay the rows above
     * {@code seq} afterwards.
     */
    public void rebuild(Iterator<ArtifactRow> rows, long seq) throws IOException {
        synchronized (rebuildLock) {
            Path path;
            synchronized (writeLock) {
                writable();
                path = folder.next();
            }
            IndexGeneration fresh = IndexGeneration.create(path, IndexGeneration.BULK_RAM_MB);
            try {
                BulkLoader.addAll(fresh.writer, rows, row -> ArtifactDocument.of(row, memberships));
                fresh.commit(seq);
                fresh.useLiveRamBuffer();
                fresh.refresh();
            } catch (IOException | RuntimeException e) {
                retire(fresh);
                throw e;
            }
            IndexGeneration old;
            synchronized (writeLock) {
                if (closed) {
                    retire(fresh);
                    throw new AlreadyClosedException("the artifact index was closed during the rebuild");
                }
                folder.activate(path);
                old = current;
                current = fresh;
                appliedSeq = seq;
                needsRebuild = false;
            }
            retire(old);
        }
    }

    /** The number of live documents. */
    public long documentCount() {
        return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
    }

    /** One document as a row (deleted false), or empty. */
    public Optional<ArtifactRow> get(String collection, String id) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(new TermQuery(ArtifactDocument.keyTerm(ArtifactRow.key(collection, id))), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(RowReader.read(searcher.getIndexReader(), new int[] {top.scoreDocs[0].doc}).get(0));
        });
    }

    /**
     * The collections holding the id of each of {@code items} (rows just read from this index), by
     * id. An item's own collection holds it; each other collection's key is looked up only in the
     * segments whose key hashes hold it ({@link SegmentKeys}), so the cost follows the items, not
     * the number of segments (with one collection, nothing is built or looked up).
     */
    public Map<String, List<String>> collectionsHolding(List<ArtifactRow> items) {
        return withSearcher(searcher -> {
            List<String> collections = searcher.freshness().collections(Long.MIN_VALUE).stream()
                    .map(CollectionCount::collection).toList();
            // An item's own collection holds it; only the others' keys are built and looked up.
            Set<BytesRef> elsewhere = new HashSet<>();
            for (ArtifactRow item : items) {
                collections.stream().filter(collection -> !collection.equals(item.collection()))
                        .forEach(collection -> elsewhere.add(new BytesRef(ArtifactRow.key(collection, item.id()))));
            }
            Set<BytesRef> found = new HashSet<>();
            forEachTerm(searcher, ArtifactFields.KEY, elsewhere, searcher::segmentKeys, (key, segment, liveDocs) -> found.add(key));
            Map<String, List<String>> holding = new LinkedHashMap<>();
            for (ArtifactRow item : items) {
                holding.put(item.id(), collections.stream().filter(collection -> collection.equals(item.collection())
                        || found.contains(new BytesRef(ArtifactRow.key(collection, item.id())))).toList());
            }
            return holding;
        });
    }

    /**
     * The document count and stale count ({@code synced_at < staleBefore}) of each of
     * {@code userCollections} (ids), in one walk of their members' postings; an id without
     * members counts 0.
     */
    public Map<String, CollectionCount> userCollectionCounts(Collection<String> userCollections, Instant staleBefore) {
        long cutoff = EpochNanos.of(staleBefore);
        return withSearcher(searcher -> {
            Map<BytesRef, long[]> counts = new HashMap<>(); // [count, stale]
            userCollections.forEach(id -> counts.put(new BytesRef(id), new long[2]));
            forEachTerm(searcher, FacetDimension.COLLECTION.filterField(), counts.keySet(), null, (id, segment, liveDocs) -> {
                long[] count = counts.get(id);
                count[0] += liveDocs.length;
                NumericDocValues synced = DocValues.getNumeric(segment, ArtifactFields.SYNCED_AT);
                for (int doc : liveDocs) { // ascending, as the doc values are read
                    if (synced.advanceExact(doc) && synced.longValue() < cutoff) {
                        count[1]++;
                    }
                }
            });
            Map<String, CollectionCount> byId = new LinkedHashMap<>();
            for (String id : userCollections) {
                long[] count = counts.get(new BytesRef(id));
                byId.put(id, new CollectionCount(id, count[0], count[1]));
            }
            return byId;
        });
    }

    private interface TermVisitor {
        void visit(BytesRef term, LeafReader segment, int[] liveDocs) throws IOException;
    }

    private interface TermFilter {
        /** The segment's hashes of {@code field}'s terms, telling which terms it certainly lacks. */
        SegmentKeys of(LeafReader segment) throws IOException;
    }

    /**
     * Calls {@code visitor} once per segment and each of {@code terms} in {@code field} that has live
     * documents there, with those documents in ascending order; segment by segment, terms in order.
     *
     * @param filter skips the terms a segment certainly lacks before seeking them, or null to seek every term
     */
    private static void forEachTerm(IndexSearcher searcher, String field, Set<BytesRef> terms, TermFilter filter,
                                    TermVisitor visitor) throws IOException {
        if (terms.isEmpty()) {
            return; // no segment's terms opened, no key filter built
        }
        List<BytesRef> sorted = new ArrayList<>(terms);
        sorted.sort(null);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader segment = leaf.reader();
            Terms indexed = segment.terms(field);
            if (indexed == null) {
                continue;
            }
            TermsEnum termsEnum = indexed.iterator();
            Bits live = segment.getLiveDocs();
            SegmentKeys held = filter == null ? null : filter.of(segment);
            PostingsEnum postings = null;
            for (BytesRef term : sorted) {
                if (held != null && !held.mayHold(term) || !termsEnum.seekExact(term)) {
                    continue;
                }
                postings = termsEnum.postings(postings, PostingsEnum.NONE);
                IntStream.Builder docs = IntStream.builder();
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        docs.add(doc);
                    }
                }
                int[] liveDocs = docs.build().toArray();
                if (liveDocs.length > 0) {
                    visitor.visit(term, segment, liveDocs);
                }
            }
        }
    }

    /** Every tag in use with the number of artifacts carrying it (an artifact in two collections counts once). */
    public Map<String, Long> tagCounts() {
        SearchRequest everyArtifact = SearchRequest.builder().onePerArtifact(true).build();
        return withSearcher(searcher -> ArtifactSearch.facetValues(searcher, everyArtifact, FacetDimension.TAGS,
                FacetCounter.Method.CHEAPEST));
    }

    /** Every collection with its document count and how many have {@code synced_at < staleBefore}, by name. */
    public List<CollectionCount> collections(Instant staleBefore) {
        long cutoff = EpochNanos.of(staleBefore);
        return withSearcher(searcher -> searcher.freshness().collections(cutoff));
    }

    /** Stale count and oldest {@code synced_at} over all collections ({@code collection} null) or one. */
    public Freshness freshness(String collection, Instant staleBefore) {
        long cutoff = EpochNanos.of(staleBefore);
        return withSearcher(searcher -> searcher.freshness().freshness(collection, cutoff));
    }

    /** How many documents of one collection (or all, {@code collection} null) have a sync error, and how many warnings. */
    public SyncProblemCounts syncProblems(String collection) {
        return withSearcher(searcher -> new SyncProblemCounts(
                searcher.count(syncState(collection, ArtifactFields.SYNC_ERROR)),
                searcher.count(syncState(collection, ArtifactFields.SYNC_WARNING))));
    }

    private static Query syncState(String collection, String state) {
        Query query = new TermQuery(new Term(ArtifactFields.SYNC_STATE, state));
        if (collection == null) {
            return query;
        }
        return new BooleanQuery.Builder().add(query, BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(FacetDimension.COLLECTION.filterField(), collection)), BooleanClause.Occur.FILTER)
                .build();
    }

    /**
     * The listing/search contract of api.md.
     *
     * @throws InvalidCursorException when {@code request.after()} is not a cursor of this request
     */
    public SearchResult search(SearchRequest request) {
        return withSearcher(searcher -> ArtifactSearch.run(searcher, request));
    }

    /** The dimensions whose values {@link #facetValues} pages through. */
    public static final List<String> VALUE_SEARCH_DIMENSIONS = List.of(FacetDimension.TAGS.dim(), FacetDimension.TOOLS.dim());

    /**
     * A page of the values of {@code dimension} ({@code tags} or {@code tools}) with their facet
     * counts under {@code request}'s filters, as the listing counts them (Any mode disjunctive,
     * All mode "if added"), but every value with a count above 0 and the selected ones, not only
     * the top 50.
     *
     * @param contains a case-insensitive part of the value, or null for every value
     * @throws IllegalArgumentException when {@code dimension} is not one of {@link #VALUE_SEARCH_DIMENSIONS}
     */
    public FacetValuePage facetValues(SearchRequest request, String dimension, String contains, int limit, int offset) {
        FacetDimension facet = switch (dimension) {
            case "tags" -> FacetDimension.TAGS;
            case "tools" -> FacetDimension.TOOLS;
            default -> throw new IllegalArgumentException("unknown facet dimension \"" + dimension + "\"; expected tags or tools");
        };
        return withSearcher(searcher -> FacetValuePage.of(facet,
                ArtifactSearch.facetValues(searcher, request, facet, FacetCounter.Method.CHEAPEST), contains, limit, offset));
    }

    /** Every value's count of {@code dimension} taken by {@code method}: tests compare the methods. */
    Map<String, Long> facetValues(SearchRequest request, FacetDimension dimension, FacetCounter.Method method) {
        return withSearcher(searcher -> ArtifactSearch.facetValues(searcher, request, dimension, method));
    }

    /** Commits (so a clean restart needs no replay) and closes. */
    @Override
    public void close() throws IOException {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                current.commit(appliedSeq);
            } finally {
                current.close();
            }
        }
    }

    private IndexGeneration writable() {
        if (closed) {
            throw new AlreadyClosedException("the artifact index is closed");
        }
        return current;
    }

    /** Closes and deletes a generation no longer (or never) active; searches still holding its searcher finish on open files. */
    private void retire(IndexGeneration old) {
        try {
            old.close();
            IndexFolder.delete(old.path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "old index {0} not fully removed ({1}); it is deleted at the next open",
                    old.path, e.toString());
        }
    }

    interface SearcherTask<T> {
        T run(ArtifactSearcher searcher) throws IOException;
    }

    <T> T withSearcher(SearcherTask<T> task) {
        IndexGeneration generation;
        IndexSearcher searcher;
        while (true) {
            generation = current;
            try {
                searcher = generation.searchers.acquire();
                break;
            } catch (AlreadyClosedException e) {
                if (generation == current) {
                    throw e; // the index itself is closed, not just swapped
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return task.run((ArtifactSearcher) searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                generation.searchers.release(searcher);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "releasing a searcher failed: {0}", e.toString());
            }
        }
    }
}
