package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Relevance pages ({@link RelevancePage}) against Lucene's own sort by (score, name, key) on the
 * same generated index: the same hits in the same order, page after page, the same totals and
 * cursors.
 */
class RelevancePageTest {

    @TempDir
    static Path dir;
    private static GeneratedCorpus corpus;
    private static List<ArtifactRow> rows;
    private static ArtifactIndex index;

    @BeforeAll
    static void build() throws Exception {
        corpus = new GeneratedCorpus(11);
        rows = corpus.rows(6_000);
        index = ArtifactIndex.open(dir.resolve("lucene"));
        index.rebuild(rows.iterator(), rows.size());
        // Live writes in several batches: several segments, some documents deleted or replaced.
        for (int batch = 0; batch < 4; batch++) {
            List<ArtifactRow> changed = new ArrayList<>();
            for (int i = batch; i < 400; i += 7) {
                ArtifactRow row = rows.get(i * 13 % rows.size());
                changed.add(new ArtifactRow(row.collection(), row.id(), row.metadata(), row.syncedAt(), row.updatedAt(),
                        rows.size() + batch * 1000L + i, batch == 3 && i % 2 == 0));
            }
            index.apply(changed);
        }
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    @Test
    void pagesFollowLuceneSortOnGeneratedTexts() {
        Random random = new Random(5);
        int checked = 0;
        for (int i = 0; i < 60; i++) {
            String word = corpus.words.get(random.nextInt(corpus.words.size()));
            String text = switch (i % 6) {
                case 0 -> word.substring(0, 2);
                case 1 -> word.substring(0, 3);
                case 2 -> word;
                case 3 -> word.substring(1) + word.charAt(0); // a typo or nothing
                case 4 -> corpus.words.get(random.nextInt(200)) + " " + word.substring(0, 3);
                default -> corpus.tags.get(random.nextInt(20)).substring(2) + " " + word.substring(0, 2);
            };
            SearchRequest.Builder request = SearchRequest.builder().q(text).limit(1 + random.nextInt(30));
            if (i % 4 == 1) {
                request.facets(true);
            }
            if (i % 5 == 2) {
                request.types(ArtifactType.SKILL, ArtifactType.AGENT);
            }
            if (i % 7 == 3) {
                request.collections("default");
            }
            checked += comparePages(request.build());
            if (i % 4 == 1) {
                // By relevance the counts come from the words' matches (WordHits); by name, from a search of the text.
                SearchResult byName = index.search(request.sort(SortOrder.NAME).build());
                SearchResult byRelevance = index.search(request.sort(SortOrder.RELEVANCE).build());
                assertEquals(byName.facets().asMap().toString(), byRelevance.facets().asMap().toString(), text);
            }
        }
        assertTrue(checked > 2_000, "too few hits compared: " + checked);
    }

    /**
     * Whole names (each of their words required, plus the exact-name clause) and three-word texts:
     * the scores a relevance search of words adds up itself ({@link WordHits}) equal Lucene's, the
     * exact-name bonus included, whatever the case of the text.
     */
    @Test
    void wholeNamesAndThreeWordTextsFollowLuceneSort() {
        Random random = new Random(9);
        int checked = 0;
        for (int i = 0; i < 45; i++) {
            String name = rows.get(random.nextInt(rows.size())).metadata().name();
            String text = switch (i % 3) {
                case 0 -> name;
                case 1 -> name.toUpperCase(Locale.ROOT);
                default -> corpus.words.get(random.nextInt(100)) + " " + corpus.words.get(random.nextInt(100)).substring(0, 3)
                        + " " + corpus.words.get(random.nextInt(corpus.words.size()));
            };
            SearchRequest.Builder request = SearchRequest.builder().q(text).limit(1 + random.nextInt(20)).facets(i % 2 == 0);
            checked += comparePages(request.build());
            if (i % 3 != 2) {
                assertEquals(name, index.search(request.build()).items().getFirst().metadata().name(), text);
            }
        }
        assertTrue(checked >= 30, "too few hits compared: " + checked);
    }

    @Test
    void aSingleSegmentAndEmptyResultsToo() {
        assertEquals(0, comparePages(SearchRequest.builder().q("zzzzqqq").build()));
        String common = corpus.words.get(0).substring(0, 2);
        assertTrue(comparePages(SearchRequest.builder().q(common).limit(1).build()) > 0);
    }

    /** Pages through {@code request} to the end (at most 40 pages) and compares each with Lucene's sort; the hits compared. */
    private static int comparePages(SearchRequest request) {
        List<FieldDoc> expected = luceneOrder(request);
        int fingerprint = CursorCodec.fingerprint(request);
        String after = null;
        int seen = 0;
        for (int page = 0; page < 40; page++) {
            SearchResult result = index.search(request.withAfter(after));
            assertEquals(expected.size(), result.totalCount(), "total of " + request.q());
            int size = result.items().size();
            assertEquals(Math.min(request.limit(), expected.size() - seen), size, "page size of " + request.q());
            for (int i = 0; i < size; i++) {
                FieldDoc want = expected.get(seen + i);
                assertEquals(((BytesRef) want.fields[2]).utf8ToString(), result.items().get(i).key(),
                        request.q() + " hit " + (seen + i));
            }
            if (size == 0) {
                break;
            }
            assertEquals(CursorCodec.encode(SortOrder.RELEVANCE, fingerprint, expected.get(seen).fields), result.startCursor());
            assertEquals(CursorCodec.encode(SortOrder.RELEVANCE, fingerprint, expected.get(seen + size - 1).fields), result.endCursor());
            seen += size;
            assertEquals(seen < expected.size(), result.hasNext());
            if (!result.hasNext()) {
                break;
            }
            after = result.endCursor();
        }
        return seen;
    }

    /** Every hit of {@code request} in Lucene's (score, name, key) sort. */
    private static List<FieldDoc> luceneOrder(SearchRequest request) {
        return index.withSearcher(searcher -> {
            int all = Math.max(1, searcher.getIndexReader().maxDoc());
            TopFieldDocs top = searcher.search(ArtifactQuery.of(request, true).all(),
                    new TopFieldCollectorManager(SortFields.of(SortOrder.RELEVANCE), all, null, Integer.MAX_VALUE));
            List<FieldDoc> hits = new ArrayList<>();
            for (ScoreDoc hit : top.scoreDocs) {
                hits.add((FieldDoc) hit);
            }
            return hits;
        });
    }
}
