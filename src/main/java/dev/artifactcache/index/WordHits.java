package dev.artifactcache.index;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.List;

/**
 * A text of words only ({@link TextQuery.Words}) matched without a Lucene search: per segment its
 * documents are the live ones in every term's gathered matches ({@link TermWaysQuery#segmentMatches}),
 * and a document's score is read from those matches' best ways. The total, the facets and the
 * relevance page then come from bit sets ({@link HitSets}, {@link RelevancePage#collect}), as for
 * the field orders. A search of the same query scores every hit through Lucene's scorer tree, once
 * for the hit set and again for the page when a facet is selected: at 100,000 artifacts a typo or
 * a 3-letter prefix matches thousands to tens of thousands of documents.
 */
final class WordHits {

    private final ArtifactSearcher searcher;
    private final TextQuery.Words words;
    /** Per term, each way's weight. */
    private final float[][] weights;
    /** Per segment (leaf ordinal), per term, its matches. */
    private final TermWaysQuery.Matches[][] matches;
    /** Per segment, the live documents matching every term, or null where none. */
    private final FixedBitSet[] docs;

    private WordHits(ArtifactSearcher searcher, TextQuery.Words words, float[][] weights, TermWaysQuery.Matches[][] matches,
                     FixedBitSet[] docs) {
        this.searcher = searcher;
        this.words = words;
        this.weights = weights;
        this.matches = matches;
        this.docs = docs;
    }

    static WordHits of(ArtifactSearcher searcher, TextQuery.Words words) throws IOException {
        List<TermWaysQuery> terms = words.terms();
        float[][] weights = new float[terms.size()][];
        for (int term = 0; term < weights.length; term++) {
            weights[term] = terms.get(term).weights();
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        FixedBitSet[] live = searcher.liveDocuments();
        TermWaysQuery.Matches[][] matches = new TermWaysQuery.Matches[leaves.size()][];
        FixedBitSet[] docs = new FixedBitSet[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
            if (live[leaf.ord] == null) {
                continue;
            }
            TermWaysQuery.Matches[] segment = new TermWaysQuery.Matches[terms.size()];
            FixedBitSet matching = live[leaf.ord].clone();
            for (int term = 0; term < segment.length && matching != null; term++) {
                segment[term] = terms.get(term).segmentMatches(searcher, leaf);
                if (segment[term].count() == 0) {
                    matching = null;
                } else {
                    matching.and(segment[term].docs());
                }
            }
            matches[leaf.ord] = segment;
            // An empty set is "none", as everywhere else: no page candidates or counts for the segment.
            docs[leaf.ord] = matching == null || matching.scanIsEmpty() ? null : matching;
        }
        return new WordHits(searcher, words, weights, matches, docs);
    }

    /** Per segment (leaf ordinal) the live documents matching every term, or null where none; not to be modified. */
    FixedBitSet[] docs() {
        return docs;
    }

    /** The scores of the matching documents of {@code leaf}, as the text's Lucene query gives them. */
    RelevancePage.SegmentScores scores(LeafReaderContext leaf) throws IOException {
        TermWaysQuery.Matches[] segment = matches[leaf.ord];
        byte[][] bestWays = new byte[segment.length][];
        for (int term = 0; term < segment.length; term++) {
            bestWays[term] = segment[term].bestWay();
        }
        int[] named = exactlyNamed(leaf);
        return new RelevancePage.SegmentScores() {
            private int nextNamed;

            @Override
            public float score(int doc) {
                float score = 0;
                for (int term = 0; term < bestWays.length; term++) {
                    score += weights[term][bestWays[term][doc]];
                }
                while (nextNamed < named.length && named[nextNamed] < doc) {
                    nextNamed++;
                }
                return nextNamed < named.length && named[nextNamed] == doc ? score + TextQuery.EXACT_NAME_BONUS : score;
            }
        };
    }

    /**
     * The documents of {@code leaf} whose name is the whole text (deleted ones included), ascending,
     * from the segment's kept exact names. Reading them from its postings instead opens the field's
     * terms dictionary per search, and on a segment held in RAM (every write's new one) each input
     * that opens builds its description strings: the most allocated bytes of the write path in a
     * profile of single edits, each followed by the search for its word.
     */
    private int[] exactlyNamed(LeafReaderContext leaf) throws IOException {
        SegmentTerms names = searcher.segmentTerms(leaf.reader(), words.exactName().field());
        int term = names.find(words.exactName().bytes());
        return term < 0 ? new int[0] : names.docsOf(term);
    }
}
