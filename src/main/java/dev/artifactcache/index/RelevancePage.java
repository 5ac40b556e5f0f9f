package dev.artifactcache.index;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IOFunction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A page in relevance order, (score descending, name, key), that never compares names hit by
 * hit. Every segment is sorted by (name, key), so within a segment and one score, doc id order is
 * page order: the first {@code wanted} hits of each score are all a segment can offer at that
 * score, and a hit whose score already has them, or whose score is below {@code wanted} kept
 * better ones, is passed over at the cost of reading its score. Text scores take few distinct
 * values (sums of constant weights), so the kept candidates stay few. Only the candidates that meet
 * other segments' candidates at the same score have their names read, in a k-way merge.
 *
 * <p>It also counts every hit it is given: the exact total. The hits and their fields
 * {@code [score, name, key]} are those {@link SortFields} gives for {@link SortOrder#RELEVANCE}.
 */
final class RelevancePage implements CollectorManager<RelevancePage.PageCollector, RelevancePage.Page> {

    /**
     * @param hits  up to {@code wanted} hits in page order
     * @param total every hit collected
     */
    record Page(FieldDoc[] hits, long total) {
    }

    private final int wanted;
    private final FieldDoc after;

    /** @param after the cursor's position ({@code [score, name, key]}), or null for the first page */
    RelevancePage(int wanted, FieldDoc after) {
        this.wanted = wanted;
        this.after = after;
    }

    /** Each hit's score in one segment, asked in ascending document order. */
    interface SegmentScores {
        float score(int doc) throws IOException;
    }

    /**
     * The page over {@code hits} (per segment by leaf ordinal, null where none), each scored by
     * its segment's {@code scores}: what a search of a query scoring so would collect, without the
     * search. The total is every hit.
     */
    Page collect(List<LeafReaderContext> leaves, FixedBitSet[] hits, IOFunction<LeafReaderContext, SegmentScores> scores)
            throws IOException {
        PageCollector collector = newCollector();
        for (LeafReaderContext leaf : leaves) {
            FixedBitSet docs = hits[leaf.ord];
            if (docs == null) {
                continue;
            }
            LeafCollector segment = collector.getLeafCollector(leaf);
            SegmentScores segmentScores = scores.apply(leaf);
            HitScore score = new HitScore(segmentScores);
            segment.setScorer(score);
            long[] words = docs.getBits();
            for (int word = 0; word < words.length; word++) {
                for (long bits = words[word]; bits != 0; bits &= bits - 1) {
                    score.doc = (word << 6) + Long.numberOfTrailingZeros(bits);
                    segment.collect(score.doc);
                }
            }
        }
        return reduce(List.of(collector));
    }

    /** The score of the hit being collected, for {@link #collect}. */
    private static final class HitScore extends Scorable {
        private final SegmentScores scores;
        private int doc;

        HitScore(SegmentScores scores) {
            this.scores = scores;
        }

        @Override
        public float score() throws IOException {
            return scores.score(doc);
        }
    }

    /** True when every segment is sorted by (name, key), which this page relies on. */
    static boolean applies(List<LeafReaderContext> leaves) {
        return leaves.stream().allMatch(leaf -> SortFields.INDEX.equals(leaf.reader().getMetaData().sort()));
    }

    @Override
    public PageCollector newCollector() {
        return new PageCollector();
    }

    @Override
    public Page reduce(Collection<PageCollector> collectors) throws IOException {
        long total = 0;
        List<Candidates> started = new ArrayList<>();
        for (PageCollector collector : collectors) {
            total += collector.total;
            for (Candidates candidates : collector.segments) {
                if (candidates.start()) {
                    started.add(candidates);
                }
            }
        }
        return new Page(SegmentCandidates.merge(started, false, wanted), total);
    }

    /** Collects the candidates of each segment it is given. */
    final class PageCollector implements Collector {
        private final List<Candidates> segments = new ArrayList<>();
        private long total;

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            Candidates candidates = new Candidates(context, wanted);
            segments.add(candidates);
            float afterScore = after == null ? Float.NaN : (Float) after.fields[0];
            int firstAfter = after == null ? 0
                    : new NameOrderPage.CursorPosition(context, (BytesRef) after.fields[1], (BytesRef) after.fields[2]).firstAfter();
            return new LeafCollector() {
                private Scorable scorer;

                @Override
                public void setScorer(Scorable scorer) {
                    this.scorer = scorer;
                }

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    float score = scorer.score();
                    if (after != null && (score > afterScore || (score == afterScore && doc < firstAfter))) {
                        return; // on an earlier page
                    }
                    candidates.offer(doc, score);
                }
            };
        }
    }

    /** One segment's best hits per score, then (after {@link #start}) its candidates in page order. */
    private static final class Candidates extends SegmentCandidates<Candidates> {
        private final int wanted;
        /** Each score's first hits, in doc order; only scores that may still reach the page. */
        private final TreeMap<Float, Level> levels = new TreeMap<>();
        private int kept;
        /** Hits scoring below this cannot reach the page: {@code wanted} better ones are kept. */
        private float floor = Float.NEGATIVE_INFINITY;
        /** The level of the last hit offered: neighbours often score alike. */
        private float lastScore = Float.NaN;
        private Level last;
        private int[] docs;
        private float[] scores;
        private int head;
        private SortedDocValues names;
        private SortedDocValues keys;
        private BytesRef headName;
        private BytesRef headKey;

        Candidates(LeafReaderContext context, int wanted) {
            super(context);
            this.wanted = wanted;
        }

        void offer(int doc, float score) {
            if (score < floor) {
                return;
            }
            Level level = score == lastScore ? last : levels.get(score);
            if (level == null) {
                level = new Level(wanted);
                levels.put(score, level);
            }
            lastScore = score;
            last = level;
            if (level.add(doc) && ++kept >= 2 * wanted) {
                prune();
            }
        }

        /** Drops the scores below the best {@code wanted} kept hits. */
        private void prune() {
            int better = 0;
            for (Map.Entry<Float, Level> entry : levels.descendingMap().entrySet()) {
                better += entry.getValue().size;
                if (better >= wanted) {
                    floor = entry.getKey();
                    break;
                }
            }
            Map<Float, Level> below = levels.headMap(floor, false);
            below.values().forEach(level -> kept -= level.size);
            below.clear();
            lastScore = Float.NaN;
            last = null;
        }

        /** Fixes the candidates in page order (score descending, then doc id); false when there are none. */
        boolean start() throws IOException {
            int count = Math.min(wanted, levels.values().stream().mapToInt(level -> level.size).sum());
            docs = new int[count];
            scores = new float[count];
            int n = 0;
            for (Map.Entry<Float, Level> entry : levels.descendingMap().entrySet()) {
                Level level = entry.getValue();
                for (int i = 0; i < level.size && n < count; i++, n++) {
                    docs[n] = level.docs[i];
                    scores[n] = entry.getKey();
                }
            }
            names = DocValues.getSorted(context.reader(), ArtifactFields.NAME_SORT);
            keys = DocValues.getSorted(context.reader(), ArtifactFields.KEY);
            return count > 0;
        }

        @Override
        int headDoc() {
            return docs[head];
        }

        @Override
        Object[] headValues() {
            try {
                return new Object[] {scores[head], headName(), headKey()};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        boolean headIsLast() {
            return head == docs.length - 1;
        }

        @Override
        boolean advance() {
            head++;
            headName = null;
            headKey = null;
            return head < docs.length;
        }

        /** Page order of the two heads: score descending, then name and key ascending. */
        @Override
        int compareHead(Candidates other) {
            int byScore = Float.compare(other.scores[other.head], scores[head]);
            if (byScore != 0) {
                return byScore;
            }
            try {
                int byName = headName().compareTo(other.headName());
                return byName != 0 ? byName : headKey().compareTo(other.headKey());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private BytesRef headName() throws IOException {
            if (headName == null) {
                headName = value(names, ArtifactFields.NAME_SORT);
            }
            return headName;
        }

        private BytesRef headKey() throws IOException {
            if (headKey == null) {
                headKey = value(keys, ArtifactFields.KEY);
            }
            return headKey;
        }

        /** The head's value of a sorted field; a fresh iterator when the head is behind the last one read. */
        private BytesRef value(SortedDocValues values, String field) throws IOException {
            int doc = docs[head];
            SortedDocValues from = values.docID() > doc ? DocValues.getSorted(context.reader(), field) : values;
            if (field.equals(ArtifactFields.NAME_SORT)) {
                names = from;
            } else {
                keys = from;
            }
            return BytesRef.deepCopyOf(from.advanceExact(doc) ? from.lookupOrd(from.ordValue()) : new BytesRef());
        }
    }

    /** The first hits of one score in one segment, in doc order. */
    private static final class Level {
        final int[] docs;
        int size;

        Level(int wanted) {
            this.docs = new int[wanted];
        }

        /** Keeps {@code doc} if fewer than {@code wanted} came before it; true when kept. */
        boolean add(int doc) {
            if (size == docs.length) {
                return false;
            }
            docs[size++] = doc;
            return true;
        }
    }
}
