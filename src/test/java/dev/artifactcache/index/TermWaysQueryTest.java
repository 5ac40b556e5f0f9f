package dev.artifactcache.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** One term's ways of matching: each document scores the best way it matches, deleted ones never match. */
class TermWaysQueryTest {

    private final Directory directory = new ByteBuffersDirectory();
    private DirectoryReader reader;
    private IndexSearcher searcher;

    @BeforeEach
    void index() throws IOException {
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            writer.addDocument(doc("exact-name", "pdf", "reader"));
            writer.addDocument(doc("exact-description", "reader", "pdf"));
            writer.addDocument(doc("prefix-name-and-exact-description", "pdfx", "pdf"));
            writer.addDocument(doc("typo-name", "pdg", "viewer"));
            writer.addDocument(doc("nothing", "viewer", "viewer"));
            writer.addDocument(doc("deleted", "pdf", "pdf"));
            writer.commit(); // a second segment: matches are gathered per segment
            writer.addDocument(doc("second-segment", "pdfs", "viewer"));
            writer.deleteDocuments(new Term("id", "deleted"));
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    @AfterEach
    void close() throws IOException {
        reader.close();
        directory.close();
    }

    private static Document doc(String id, String name, String description) {
        Document doc = new Document();
        doc.add(new StringField("id", id, Field.Store.YES));
        doc.add(new StringField("name", name, Field.Store.NO));
        doc.add(new StringField("description", description, Field.Store.NO));
        return doc;
    }

    private static TermWaysQuery pdf() {
        return new TermWaysQuery(List.of(
                TermWaysQuery.Way.exact("description", "pdf", 4f),
                TermWaysQuery.Way.exact("name", "pdf", 16f),
                TermWaysQuery.Way.prefix("name", "pdf", 8f),
                TermWaysQuery.Way.typo("name", Typo.of("pdf", 1), 1f)));
    }

    private Map<String, Float> scores(TermWaysQuery query) throws IOException {
        return scores(searcher, query);
    }

    private static Map<String, Float> scores(IndexSearcher searcher, org.apache.lucene.search.Query query) throws IOException {
        Map<String, Float> scores = new LinkedHashMap<>();
        for (ScoreDoc hit : searcher.search(query, 10).scoreDocs) {
            scores.put(searcher.storedFields().document(hit.doc).get("id"), hit.score);
        }
        return scores;
    }

    @Test
    void eachDocumentScoresTheBestWayItMatches() throws IOException {
        Map<String, Float> expected = new LinkedHashMap<>();
        expected.put("exact-name", 16f);
        expected.put("prefix-name-and-exact-description", 8f); // the prefix in the name beats the exact description
        expected.put("second-segment", 8f);
        expected.put("exact-description", 4f);
        expected.put("typo-name", 1f);
        assertEquals(expected, scores(pdf()));
    }

    @Test
    void deletedDocumentsDoNotMatchOrCount() throws IOException {
        assertEquals(5, searcher.count(pdf()));
        assertFalse(scores(pdf()).containsKey("deleted"));
    }

    @Test
    void theBoostScalesEveryWay() throws IOException {
        Map<String, Float> boosted = scores(searcher, new org.apache.lucene.search.BoostQuery(pdf(), 2f));
        assertEquals(Map.of("exact-name", 32f, "prefix-name-and-exact-description", 16f, "second-segment", 16f,
                "exact-description", 8f, "typo-name", 2f), boosted);
    }

    @Test
    void matchesAreSharedBySearchesOnOneSearcherOnly() throws IOException {
        ArtifactSearcher before = new ArtifactSearcher(reader, new SegmentCache());
        Map<String, Float> first = scores(before, pdf());
        assertEquals(first, scores(before, pdf()), "the second search reuses the gathered matches");
        assertEquals(scores(pdf()), first);

        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            writer.deleteDocuments(new Term("id", "exact-name"));
        }
        try (DirectoryReader newer = DirectoryReader.openIfChanged(reader)) {
            assertEquals(Map.of("prefix-name-and-exact-description", 8f, "second-segment", 8f, "exact-description", 4f,
                    "typo-name", 1f), scores(new ArtifactSearcher(newer, new SegmentCache()), pdf()), "a new reader gathers anew");
        }
        assertEquals(first, scores(before, pdf()), "the old searcher still sees its own point in time");
    }

    @Test
    void aTermWithoutMatchesFindsNothing() throws IOException {
        TermWaysQuery none = new TermWaysQuery(List.of(TermWaysQuery.Way.exact("name", "zzz", 16f),
                TermWaysQuery.Way.exact("missing_field", "zzz", 4f)));
        assertEquals(0, searcher.count(none));
    }

    @Test
    void explainNamesTheBestWay() throws IOException {
        int doc = searcher.search(new org.apache.lucene.search.TermQuery(new Term("id", "prefix-name-and-exact-description")), 1)
                .scoreDocs[0].doc;
        assertEquals("8.0 = best way: name:pdf*^8.0\n", searcher.explain(pdf(), doc).toString());
        int none = searcher.search(new org.apache.lucene.search.TermQuery(new Term("id", "nothing")), 1).scoreDocs[0].doc;
        assertFalse(searcher.explain(pdf(), none).isMatch());
    }

    @Test
    void waysAreOrderedBestFirstAndDefineEquality() {
        assertEquals("best(name:pdf^16.0 | name:pdf*^8.0 | description:pdf^4.0 | name:pdf~1^1.0)", pdf().toString());
        assertEquals(pdf(), pdf());
        assertEquals(pdf().hashCode(), pdf().hashCode());
        assertNotEquals(pdf(), new TermWaysQuery(List.of(TermWaysQuery.Way.exact("name", "pdf", 16f))));
        // Hashed from the parts, not the text: a weight, a field or a kind apart hashes apart.
        assertNotEquals(new TermWaysQuery(List.of(TermWaysQuery.Way.exact("name", "pdf", 16f))).hashCode(),
                new TermWaysQuery(List.of(TermWaysQuery.Way.exact("name", "pdf", 8f))).hashCode());
        assertNotEquals(TermWaysQuery.Way.exact("name", "pdf", 16f).hashCode(), TermWaysQuery.Way.exact("title", "pdf", 16f).hashCode());
        assertNotEquals(TermWaysQuery.Way.prefix("name", "pdf", 8f).hashCode(),
                TermWaysQuery.Way.typo("name", Typo.of("pdf", 1), 8f).hashCode());
    }
}
