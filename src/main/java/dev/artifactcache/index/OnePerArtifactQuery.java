package dev.artifactcache.index;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.PriorityQueue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Matches one document per artifact id: the one of the collection first by name among those
 * holding it. An artifact in two collections then lists once over all collections, as SkillMeat's
 * {@code /artifacts} does (api.md); the documents themselves stay one per (collection, artifact).
 * The choice is made once per index version (one pass over the keys) and kept while that version
 * is searched.
 */
final class OnePerArtifactQuery extends Query {

    static final OnePerArtifactQuery INSTANCE = new OnePerArtifactQuery();

    /** Per index version: the chosen documents of each segment, by segment ordinal. */
    private static final Map<IndexReader.CacheKey, FixedBitSet[]> CHOSEN = new WeakHashMap<>();

    private OnePerArtifactQuery() {
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        FixedBitSet[] chosen = chosen(searcher.getIndexReader());
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) {
                FixedBitSet bits = chosen[context.ord];
                return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode,
                        new BitSetIterator(bits, bits.cardinality())));
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false; // the choice depends on the other segments too
            }
        };
    }

    private static FixedBitSet[] chosen(IndexReader reader) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            return choose(reader);
        }
        FixedBitSet[] cached;
        synchronized (CHOSEN) {
            cached = CHOSEN.get(helper.getKey());
        }
        if (cached == null) {
            // Chosen outside the lock, so a search on another index version never waits for it;
            // two first uses at once both choose, alike.
            cached = choose(reader);
            synchronized (CHOSEN) {
                CHOSEN.put(helper.getKey(), cached);
            }
        }
        return cached;
    }

    /**
     * Keys are {@code collection/id}, and each segment's key dictionary is sorted, so the keys of
     * one collection in one segment come in id order: merging those runs by id brings an id's live
     * copies together, and the one whose collection is first by name wins. Collections are compared
     * by name, not as key prefixes: '/' sorts after '-' and '.', so the key of "team-archive" sorts
     * before that of "team". No document's key becomes a string, so a new index version (every write
     * makes one) costs a walk of the dictionaries, not a string and a map entry per document.
     */
    private static FixedBitSet[] choose(IndexReader reader) throws IOException {
        FixedBitSet[] chosen = new FixedBitSet[reader.leaves().size()];
        List<Run> started = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            chosen[leaf.ord] = new FixedBitSet(Math.max(1, leaf.reader().maxDoc()));
            SortedDocValues keys = leaf.reader().getSortedDocValues(ArtifactFields.KEY);
            if (keys != null) {
                int[] liveDocOfOrd = liveDocOfOrd(keys, leaf.reader().getLiveDocs());
                for (Run run : Run.ofEachCollection(keys, liveDocOfOrd, chosen[leaf.ord])) {
                    if (run.next()) {
                        started.add(run);
                    }
                }
            }
        }
        PriorityQueue<Run> runs = new PriorityQueue<>(Math.max(1, started.size())) {
            @Override
            protected boolean lessThan(Run a, Run b) {
                return a.compareTo(b) < 0;
            }
        };
        runs.addAll(started);
        BytesRefBuilder lastId = new BytesRefBuilder();
        boolean any = false;
        while (runs.size() > 0) {
            Run run = runs.top();
            if (!any || !run.id().bytesEquals(lastId.get())) {
                run.choose(); // the first of its id: the runs come by id, then by collection name
                lastId.copyBytes(run.id());
                any = true;
            }
            if (run.next()) {
                runs.updateTop();
            } else {
                runs.pop();
            }
        }
        return chosen;
    }

    /** Per key ordinal, the live document holding it, or -1 (each key is on one document at most). */
    private static int[] liveDocOfOrd(SortedDocValues keys, Bits live) throws IOException {
        int[] docs = new int[keys.getValueCount()];
        Arrays.fill(docs, -1);
        for (int doc = keys.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = keys.nextDoc()) {
            if (live == null || live.get(doc)) {
                docs[keys.ordValue()] = doc;
            }
        }
        return docs;
    }

    /** One collection's live keys in one segment, in id order. */
    private static final class Run implements Comparable<Run> {
        private final TermsEnum terms;
        /** Past this run's last key: its collection's keys are the ordinals below. */
        private final long endOrd;
        private final int prefixLength;
        private final String collection;
        private final int[] liveDocOfOrd;
        private final FixedBitSet chosen;
        private final BytesRef id = new BytesRef();
        private int doc;
        /** The ordinal of the key the enum stands on. */
        private long ord;
        /** The term the enum stands on is this run's first key, not yet taken by {@link #next}. */
        private boolean onFirstKey = true;

        /**
         * @param terms standing on the first key with {@code prefix} ({@code collection/}), ordinal {@code firstOrd}
         * @param endOrd the ordinal after the last key with it
         */
        private Run(TermsEnum terms, long firstOrd, long endOrd, BytesRef prefix, int[] liveDocOfOrd, FixedBitSet chosen) {
            this.terms = terms;
            this.ord = firstOrd;
            this.endOrd = endOrd;
            this.prefixLength = prefix.length;
            this.collection = new BytesRef(prefix.bytes, prefix.offset, prefix.length - 1).utf8ToString();
            this.liveDocOfOrd = liveDocOfOrd;
            this.chosen = chosen;
        }

        /** A run per collection the segment's keys hold, each standing on its first key, not yet taken. */
        static List<Run> ofEachCollection(SortedDocValues keys, int[] liveDocOfOrd, FixedBitSet chosen) throws IOException {
            List<Run> runs = new ArrayList<>();
            TermsEnum seeker = keys.termsEnum();
            BytesRef key = seeker.next();
            while (key != null) {
                BytesRefBuilder prefix = new BytesRefBuilder();
                prefix.copyBytes(key.bytes, key.offset, slash(key) + 1);
                long first = seeker.ord();
                // The next collection's keys start after every key with this prefix: '0' follows '/'.
                BytesRefBuilder after = new BytesRefBuilder();
                after.copyBytes(prefix.get());
                after.setByteAt(after.length() - 1, (byte) ('/' + 1));
                boolean last = seeker.seekCeil(after.get()) == TermsEnum.SeekStatus.END;
                TermsEnum terms = keys.termsEnum();
                terms.seekExact(first);
                runs.add(new Run(terms, first, last ? keys.getValueCount() : seeker.ord(), prefix.get(), liveDocOfOrd, chosen));
                key = last ? null : seeker.term();
            }
            return runs;
        }

        /** Moves to the next live key of this collection; false at the run's end. */
        boolean next() throws IOException {
            while (true) {
                if (onFirstKey) {
                    onFirstKey = false;
                } else if (++ord >= endOrd) {
                    return false;
                } else {
                    terms.next();
                }
                doc = liveDocOfOrd[(int) ord];
                if (doc >= 0) {
                    BytesRef key = terms.term();
                    id.bytes = key.bytes;
                    id.offset = key.offset + prefixLength;
                    id.length = key.length - prefixLength;
                    return true;
                }
            }
        }

        /** The id of the key the run stands on (valid until the next move). */
        BytesRef id() {
            return id;
        }

        void choose() {
            chosen.set(doc);
        }

        @Override
        public int compareTo(Run other) {
            int byId = id.compareTo(other.id);
            return byId != 0 ? byId : collection.compareTo(other.collection);
        }

        private static int slash(BytesRef key) {
            for (int i = 0; i < key.length; i++) {
                if (key.bytes[key.offset + i] == '/') {
                    return i;
                }
            }
            throw new IllegalStateException("document key without a collection: " + key.utf8ToString());
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "one_per_artifact";
    }

    @Override
    public boolean equals(Object other) {
        return other == this;
    }

    @Override
    public int hashCode() {
        return OnePerArtifactQuery.class.hashCode();
    }
}
