package dev.artifactcache.index;

import dev.artifactcache.bench.DistinctMix;
import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A segment's terms in memory hold exactly what its terms dictionary and postings hold, and find
 * exactly the terms that the prefix and typo automata find there; the ways of a term score every
 * document as Lucene's own disjunction of constant-score term, prefix and automaton queries does.
 */
class SegmentTermsTest {

    private static final List<String> FIELDS = List.of(ArtifactFields.NAME, ArtifactFields.TITLE, ArtifactFields.TAGS_TEXT,
            ArtifactFields.TOOLS_TEXT, ArtifactFields.DESCRIPTION);

    private static final Directory DIRECTORY = new ByteBuffersDirectory();
    private static GeneratedCorpus corpus;
    private static DirectoryReader reader;

    @BeforeAll
    static void index() throws IOException {
        corpus = new GeneratedCorpus(13);
        List<ArtifactRow> rows = corpus.rows(3000);
        try (IndexWriter writer = new IndexWriter(DIRECTORY, new IndexWriterConfig(TextAnalysis.INDEX))) {
            for (int i = 0; i < rows.size(); i++) {
                writer.addDocument(ArtifactDocument.of(rows.get(i), MembershipLookup.NONE));
                if (i == 2500 || i == 2900) {
                    writer.commit(); // three segments, one of them small
                }
            }
            for (int i = 0; i < 3000; i += 17) {
                writer.deleteDocuments(ArtifactDocument.keyTerm(rows.get(i).key()));
            }
        }
        reader = DirectoryReader.open(DIRECTORY);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        DIRECTORY.close();
    }

    /** Also the exact names, which the relevance bonus reads from here (one document each, or a few). */
    @Test
    void holdsEveryTermWithItsDocuments() throws IOException {
        assertEquals(3, reader.leaves().size());
        List<String> fields = new ArrayList<>(FIELDS);
        fields.add(ArtifactFields.NAME_EXACT);
        for (LeafReaderContext leaf : reader.leaves()) {
            for (String field : fields) {
                SegmentTerms terms = SegmentTerms.read(leaf.reader(), field);
                TermsEnum dictionary = leaf.reader().terms(field).iterator();
                int i = 0;
                for (BytesRef term = dictionary.next(); term != null; term = dictionary.next(), i++) {
                    assertEquals(term, terms.term(i), field);
                    assertEquals(i, terms.find(term), field + ":" + term.utf8ToString());
                    FixedBitSet expected = postings(dictionary, leaf.reader().maxDoc());
                    assertEquals(expected, docs(terms, i, leaf.reader().maxDoc()), field + ":" + term.utf8ToString());
                    assertEquals(ascending(expected), Arrays.stream(terms.docsOf(i)).boxed().toList(), field + ":" + term.utf8ToString());
                }
                assertEquals(i, terms.size());
            }
        }
        assertEquals(-1, SegmentTerms.read(reader.leaves().get(0).reader(), ArtifactFields.NAME).find(new BytesRef("zzzz")));
        assertEquals(0, SegmentTerms.read(reader.leaves().get(0).reader(), "no_such_field").size());
    }

    @Test
    void prefixesAndTyposFindWhatTheirAutomataFind() throws IOException {
        Random random = new Random(8);
        int typosFound = 0;
        for (int q = 0; q < 150; q++) {
            String word = corpus.words.get(random.nextInt(corpus.words.size()));
            String prefix = word.substring(0, 1 + random.nextInt(word.length()));
            String typo = swapped(word, random);
            for (LeafReaderContext leaf : reader.leaves()) {
                for (String field : FIELDS) {
                    Terms dictionary = leaf.reader().terms(field);
                    SegmentTerms terms = SegmentTerms.read(leaf.reader(), field);
                    List<BytesRef> starting = new ArrayList<>();
                    terms.forEachStartingWith(new BytesRef(prefix), i -> starting.add(terms.term(i)));
                    assertEquals(accepted(Automata.prefix(prefix), dictionary), starting, field + ":" + prefix + "*");
                    for (String text : List.of(word, typo)) {
                        int edits = text.length() < 8 ? 1 : 2;
                        List<BytesRef> typos = new ArrayList<>();
                        terms.forEachTypo(Typo.of(text, edits), i -> typos.add(terms.term(i)));
                        assertEquals(accepted(Automata.typos(text, edits), dictionary), typos, field + ":" + text + "~" + edits);
                        typosFound += typos.size();
                    }
                }
            }
        }
        assertTrue(typosFound > 300, "the typos found terms: " + typosFound);
    }

    @Test
    void termWaysScoreAsLucenesOwnDisjunction() throws IOException {
        Random random = new Random(9);
        IndexSearcher plain = new IndexSearcher(reader);
        ArtifactSearcher artifacts = new ArtifactSearcher(reader, new SegmentCache());
        for (int q = 0; q < 60; q++) {
            String word = corpus.words.get(random.nextInt(corpus.words.size()));
            String text = switch (q % 4) {
                case 0 -> word;
                case 1 -> word.substring(0, Math.min(word.length(), 2 + random.nextInt(3)));
                case 2 -> swapped(word, random);
                default -> corpus.tags.get(random.nextInt(corpus.tags.size())).substring(2);
            };
            for (boolean last : new boolean[] {true, false}) {
                TermWaysQuery query = TextQuery.termQuery(text, last);
                TreeMap<Integer, Float> expected = scores(plain, lucenes(query));
                if (q % 10 == 0) { // a plain searcher reads the segments' terms for each search
                    assertEquals(expected, scores(plain, query), text);
                }
                assertEquals(expected, scores(artifacts, query), text);
                assertEquals(expected, scores(artifacts, query), text + ", again from the segments' kept matches");
            }
        }
    }

    /** The same ways as Lucene's queries: constant-score term, prefix and Levenshtein-automaton clauses, best one scoring. */
    private static Query lucenes(TermWaysQuery query) {
        List<Query> ways = new ArrayList<>();
        for (TermWaysQuery.Way way : query.ways()) {
            Term term = new Term(way.field(), way.text());
            Query matching = switch (way.kind()) {
                case "" -> new TermQuery(term);
                case "*" -> new PrefixQuery(term);
                default -> new AutomatonQuery(term, Automata.typos(way.text(), way.typo().edits()).automaton);
            };
            ways.add(new BoostQuery(new ConstantScoreQuery(matching), way.weight()));
        }
        return new DisjunctionMaxQuery(ways, 0f);
    }

    private static TreeMap<Integer, Float> scores(IndexSearcher searcher, Query query) throws IOException {
        TreeMap<Integer, Float> scores = new TreeMap<>();
        for (ScoreDoc hit : searcher.search(query, reader.maxDoc()).scoreDocs) {
            scores.put(hit.doc, hit.score);
        }
        return scores;
    }

    private static List<BytesRef> accepted(CompiledAutomaton automaton, Terms dictionary) throws IOException {
        List<BytesRef> found = new ArrayList<>();
        TermsEnum matching = automaton.getTermsEnum(dictionary);
        for (BytesRef term = matching.next(); term != null; term = matching.next()) {
            found.add(BytesRef.deepCopyOf(term));
        }
        return found;
    }

    private static FixedBitSet postings(TermsEnum term, int maxDoc) throws IOException {
        FixedBitSet docs = new FixedBitSet(maxDoc);
        PostingsEnum postings = term.postings(null, PostingsEnum.NONE);
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            docs.set(doc);
        }
        return docs;
    }

    private static List<Integer> ascending(FixedBitSet docs) {
        List<Integer> listed = new ArrayList<>();
        for (int doc = docs.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
             doc = doc + 1 < docs.length() ? docs.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
            listed.add(doc);
        }
        return listed;
    }

    private static FixedBitSet docs(SegmentTerms terms, int i, int maxDoc) {
        FixedBitSet set = terms.docSet(i);
        if (set != null) {
            return set;
        }
        FixedBitSet docs = new FixedBitSet(maxDoc);
        for (int at = terms.docsFrom(i); at < terms.docsTo(i); at++) {
            docs.set(terms.docs()[at]);
        }
        return docs;
    }

    /** Two neighbouring letters after the first swapped (every generated word has three letters or more), as the benchmark's typos are made. */
    private static String swapped(String word, Random random) {
        return DistinctMix.swapNeighbours(word, random);
    }
}
