package dev.artifactcache.index;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IOFunction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One term of the user's text, matched in any of its ways (exact, prefix or typo, in each field),
 * a document scoring the weight of the best way it matches: a disjunction-max of constant scores.
 *
 * <p>Lucene's {@code DisjunctionMaxQuery} over one constant-score clause per way walks a heap of
 * every matched term's postings for each candidate document, and a search (or a drill-sideways
 * facet pass) asks it for every match. Here each segment's matches are gathered once, way by way,
 * into a bit set with each document's best way beside it, then walked as a plain bit set. The
 * terms and their documents come from the segment's {@link SegmentTerms}, kept in memory: no
 * automaton is compiled or intersected with a terms dictionary, and no postings list is opened.
 */
final class TermWaysQuery extends Query {

    /**
     * One way to match in one field: the exact term, the terms starting with it, or the terms within
     * a typo of it ({@link Typo}).
     *
     * @param kind what it accepts, for {@code toString} and equality: {@code ""} (exact), {@code "*"} or {@code "~1"}, {@code "~2"}
     * @param term the text as UTF-8
     * @param typo the typo's terms for a {@code "~"} way, else null
     */
    record Way(String field, float weight, String text, String kind, BytesRef term, Typo typo) {

        static Way exact(String field, String text, float weight) {
            return new Way(field, weight, text, "", new BytesRef(text), null);
        }

        static Way prefix(String field, String text, float weight) {
            return new Way(field, weight, text, "*", new BytesRef(text), null);
        }

        static Way typo(String field, Typo typo, float weight) {
            return new Way(field, weight, typo.text(), "~" + typo.edits(), new BytesRef(typo.text()), typo);
        }

        /** Marks every document this way matches among the field's terms of one segment. */
        void gather(SegmentTerms terms, Gathering into) {
            if (typo != null) {
                terms.forEachTypo(typo, i -> into.mark(terms, i));
            } else if (kind.isEmpty()) {
                int i = terms.find(term);
                if (i >= 0) {
                    into.mark(terms, i);
                }
            } else {
                terms.forEachStartingWith(term, i -> into.mark(terms, i));
            }
        }

        /**
         * How the highlighter finds what a prefix or typo matched: their automaton, accepting the
         * same terms as {@link #gather}, compiled (and cached) only when asked for. Every search
         * visits its query (the clause count check), so a search compiles nothing.
         */
        void visit(QueryVisitor visitor, Query parent) {
            if (kind.isEmpty()) {
                visitor.consumeTerms(parent, new Term(field, term));
            } else if (typo == null) {
                visitor.consumeTermsMatching(parent, field, () -> Automata.prefix(text).runAutomaton);
            } else {
                visitor.consumeTermsMatching(parent, field, () -> Automata.typos(text, typo.edits()).runAutomaton);
            }
        }

        @Override
        public String toString() {
            return field + ":" + text + kind + "^" + weight;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Way that && field.equals(that.field) && weight == that.weight
                    && text.equals(that.text) && kind.equals(that.kind);
        }

        @Override
        public int hashCode() {
            return ((field.hashCode() * 31 + Float.hashCode(weight)) * 31 + text.hashCode()) * 31 + kind.hashCode();
        }
    }

    /** Ways by weight, best first: the first way that reaches a document is its best. */
    private final List<Way> ways;
    /** The query is a cache key (its segments' matches, Lucene's query cache): hashed once, without text. */
    private final int hash;

    TermWaysQuery(List<Way> ways) {
        if (ways.isEmpty() || ways.size() > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("a term needs 1 to 127 ways, not " + ways.size());
        }
        List<Way> sorted = new ArrayList<>(ways);
        sorted.sort(Comparator.comparingDouble(Way::weight).reversed()); // stable: equal weights keep their order
        this.ways = List.copyOf(sorted);
        this.hash = 31 * classHash() + this.ways.hashCode();
    }

    /** The ways, best first. */
    List<Way> ways() {
        return ways;
    }

    /** Each way's weight, by its index in {@link #ways()}: what a document whose best way it is scores. */
    float[] weights() {
        float[] weights = new float[ways.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = ways.get(i).weight();
        }
        return weights;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        float[] scores = weights();
        for (int i = 0; i < scores.length; i++) {
            scores[i] *= boost;
        }
        return new Weight(this) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                Matches matches = segmentMatches(searcher, context);
                if (matches.count() == 0) {
                    return null;
                }
                Scorer scorer = new BestWayScorer(matches, scores);
                return new ScorerSupplier() {
                    @Override
                    public Scorer get(long leadCost) {
                        return scorer;
                    }

                    @Override
                    public long cost() {
                        return matches.count();
                    }
                };
            }

            @Override
            public Explanation explain(LeafReaderContext context, int doc) throws IOException {
                Matches matches = segmentMatches(searcher, context);
                if (matches.count() == 0 || !matches.docs().get(doc)) {
                    return Explanation.noMatch("no way of " + TermWaysQuery.this + " matches");
                }
                int way = matches.bestWay()[doc];
                return Explanation.match(scores[way], "best way: " + ways.get(way));
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return true;
            }
        };
    }

    /**
     * The segment's matches, gathered once while the segment lives: the next page, the same search
     * again, another facet selection with the same text, and the same text after a write (which
     * adds a segment and leaves the others as they were) all reuse them. Deleted documents are
     * among them: searches skip those ({@link org.apache.lucene.search.Weight} contract), so a
     * deletion does not make them stale.
     */
    Matches segmentMatches(IndexSearcher searcher, LeafReaderContext context) throws IOException {
        if (searcher instanceof ArtifactSearcher artifacts) {
            return artifacts.perSegment(context.reader(), this, reader -> gather(reader, field -> artifacts.segmentTerms(reader, field)));
        }
        return gather(context.reader(), field -> SegmentTerms.read(context.reader(), field));
    }

    /**
     * Every document of the segment (deleted or not) that matches a way, with the index of its best way.
     *
     * @param fieldTerms the segment's terms of a field
     */
    private Matches gather(LeafReader reader, IOFunction<String, SegmentTerms> fieldTerms) throws IOException {
        Gathering gathering = new Gathering(reader);
        Map<String, SegmentTerms> byField = new HashMap<>();
        for (int way = 0; way < ways.size(); way++) {
            Way each = ways.get(way);
            SegmentTerms terms = byField.get(each.field());
            if (terms == null) {
                terms = fieldTerms.apply(each.field());
                byField.put(each.field(), terms);
            }
            gathering.way = way;
            each.gather(terms, gathering);
        }
        return gathering.docs == null ? Matches.NONE
                : new Matches(gathering.docs, gathering.bestWay, gathering.docs.cardinality());
    }

    /** The documents marked so far in one segment; allocated on the first match. */
    private static final class Gathering {
        private final int maxDoc;
        private int way;
        private FixedBitSet docs;
        private byte[] bestWay;

        Gathering(LeafReader reader) {
            this.maxDoc = reader.maxDoc();
        }

        /** Marks the documents of term {@code i} of {@code terms}; a document keeps the first (best) way that reached it. */
        void mark(SegmentTerms terms, int i) {
            if (docs == null) {
                docs = new FixedBitSet(maxDoc);
                bestWay = new byte[maxDoc];
            }
            FixedBitSet set = terms.docSet(i);
            if (set == null) {
                int[] listed = terms.docs();
                for (int at = terms.docsFrom(i), to = terms.docsTo(i); at < to; at++) {
                    if (!docs.getAndSet(listed[at])) {
                        bestWay[listed[at]] = (byte) way;
                    }
                }
                return;
            }
            // A word at a time: the documents new to this way, then all of them marked.
            long[] marked = docs.getBits();
            long[] adding = set.getBits();
            for (int word = 0; word < adding.length; word++) {
                long fresh = adding[word] & ~marked[word];
                marked[word] |= fresh;
                for (; fresh != 0; fresh &= fresh - 1) {
                    bestWay[(word << 6) + Long.numberOfTrailingZeros(fresh)] = (byte) way;
                }
            }
        }
    }

    /**
     * One segment's matches: the documents (null when none) and each one's best way, an index in
     * {@link #ways()}. Read-only once gathered: every scorer walks it with its own iterator.
     */
    record Matches(FixedBitSet docs, byte[] bestWay, int count) {
        static final Matches NONE = new Matches(null, null, 0);
    }

    /** Walks the gathered documents; each scores its best way's weight. */
    private static final class BestWayScorer extends Scorer {
        private final DocIdSetIterator iterator;
        private final byte[] bestWay;
        private final float[] scores;

        BestWayScorer(Matches matches, float[] scores) {
            this.iterator = new BitSetIterator(matches.docs(), matches.count());
            this.bestWay = matches.bestWay();
            this.scores = scores;
        }

        @Override
        public int docID() {
            return iterator.docID();
        }

        @Override
        public DocIdSetIterator iterator() {
            return iterator;
        }

        @Override
        public float score() {
            return scores[bestWay[iterator.docID()]];
        }

        @Override
        public float getMaxScore(int upTo) {
            return scores[0];
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        QueryVisitor ways = visitor.getSubVisitor(Occur.SHOULD, this);
        for (Way way : this.ways) {
            if (!visitor.acceptField(way.field())) {
                continue;
            }
            way.visit(ways, this);
        }
    }

    @Override
    public String toString(String field) {
        return ways.stream().map(Way::toString).collect(Collectors.joining(" | ", "best(", ")"));
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && ways.equals(((TermWaysQuery) other).ways);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
