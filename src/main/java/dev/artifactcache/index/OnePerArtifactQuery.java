package dev.artifactcache.index;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
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
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.HashMap;
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
        synchronized (CHOSEN) {
            FixedBitSet[] cached = CHOSEN.get(helper.getKey());
            if (cached == null) {
                cached = choose(reader);
                CHOSEN.put(helper.getKey(), cached);
            }
            return cached;
        }
    }

    /**
     * Keys are {@code collection/id}; of an id's documents, the one whose collection is first by name
     * wins. The collections are compared, not the whole keys: '/' sorts after '-' and '.', so the key
     * of "team-archive" sorts before that of "team".
     */
    private static FixedBitSet[] choose(IndexReader reader) throws IOException {
        record Pick(String collection, int leaf, int doc) {
        }
        Map<String, Pick> picks = new HashMap<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            SortedDocValues keys = leaf.reader().getSortedDocValues(ArtifactFields.KEY);
            Bits live = leaf.reader().getLiveDocs();
            if (keys == null) {
                continue;
            }
            for (int doc = keys.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = keys.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                String key = keys.lookupOrd(keys.ordValue()).utf8ToString();
                int slash = key.indexOf('/');
                Pick pick = new Pick(key.substring(0, slash), leaf.ord, doc);
                picks.merge(key.substring(slash + 1), pick, (a, b) -> a.collection().compareTo(b.collection()) <= 0 ? a : b);
            }
        }
        FixedBitSet[] chosen = new FixedBitSet[reader.leaves().size()];
        for (LeafReaderContext leaf : reader.leaves()) {
            chosen[leaf.ord] = new FixedBitSet(Math.max(1, leaf.reader().maxDoc()));
        }
        picks.values().forEach(pick -> chosen[pick.leaf()].set(pick.doc()));
        return chosen;
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
