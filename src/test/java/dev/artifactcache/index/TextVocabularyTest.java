package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A segment's merged text vocabulary against each field's own terms dictionary, on a generated corpus. */
class TextVocabularyTest {

    @TempDir
    static Path dir;
    private static GeneratedCorpus corpus;
    private static FSDirectory directory;
    private static DirectoryReader reader;

    @BeforeAll
    static void build() throws Exception {
        corpus = new GeneratedCorpus(11);
        List<ArtifactRow> rows = corpus.rows(5_000);
        try (ArtifactIndex index = ArtifactIndex.open(dir.resolve("lucene"))) {
            index.rebuild(rows.iterator(), rows.size());
            for (int batch = 0; batch < 3; batch++) { // live writes: small segments beside the big one
                index.apply(rows.subList(batch * 20, batch * 20 + 20).stream().map(row -> new ArtifactRow(row.collection(), row.id(),
                        row.metadata(), row.syncedAt(), row.updatedAt(), row.seq() + rows.size(), false)).toList());
            }
            index.commit();
        }
        directory = FSDirectory.open(new IndexFolder(dir.resolve("lucene")).active().orElseThrow());
        reader = DirectoryReader.open(directory);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Test
    void holdsEveryTermOfTheTextFieldsOnceInOrderWithTheFieldsItIsIn() throws IOException {
        assertTrue(reader.leaves().size() > 1, "several segments");
        for (LeafReaderContext segment : reader.leaves()) {
            Map<BytesRef, Integer> expected = new TreeMap<>();
            for (int f = 0; f < TextVocabulary.FIELDS.size(); f++) {
                TermsEnum terms = segment.reader().terms(TextVocabulary.FIELDS.get(f)).iterator();
                for (BytesRef term = terms.next(); term != null; term = terms.next()) {
                    expected.merge(BytesRef.deepCopyOf(term), 1 << f, Integer::sum);
                }
            }
            TextVocabulary vocabulary = TextVocabulary.of(segment.reader());
            Map<BytesRef, Integer> actual = new TreeMap<>();
            BytesRef previous = null;
            for (int i = 0; i < vocabulary.size(); i++) {
                BytesRef term = BytesRef.deepCopyOf(vocabulary.term(i, new BytesRef()));
                assertTrue(previous == null || previous.compareTo(term) < 0, "in term order, no repeats: " + previous + " then " + term);
                int fields = 0;
                for (int f = 0; f < TextVocabulary.FIELDS.size(); f++) {
                    fields |= vocabulary.in(i, f) ? 1 << f : 0;
                }
                actual.put(term, fields);
                previous = term;
            }
            assertEquals(expected, actual);
            assertSame(vocabulary, TextVocabulary.of(segment.reader()), "kept while the segment lives");
        }
    }

    @Test
    void acceptsAndVisitsPerFieldExactlyWhatTheAutomatonFindsInThatFieldsDictionary() throws IOException {
        Random random = new Random(3);
        Set<String> texts = new LinkedHashSet<>(List.of("a", "z", "1", "12", "99", "über", "naïve", "xqzv", "tool", "t-"));
        for (int i = 0; i < 100; i++) {
            String word = corpus.words.get(random.nextInt(corpus.words.size()));
            texts.add(word);
            texts.add(word.substring(0, Math.min(word.length(), 1 + random.nextInt(4))));
            if (word.length() >= 4) {
                int at = 1 + random.nextInt(word.length() - 2);
                char[] letters = word.toCharArray();
                char swapped = letters[at];
                letters[at] = letters[at + 1];
                letters[at + 1] = swapped;
                texts.add(new String(letters)); // a swap
                texts.add(word.substring(0, at) + word.substring(at + 1)); // a dropped letter
                texts.add(word + "zz"); // two added
            }
            texts.add(corpus.tags.get(random.nextInt(corpus.tags.size())));
        }
        int compared = 0;
        int nonEmpty = 0;
        for (String text : texts) {
            List<CompiledAutomaton> automata = new ArrayList<>(List.of(Automata.prefix(text)));
            int edits = TextQuery.maxEdits(text);
            if (edits > 0) {
                automata.add(Automata.typos(text, edits));
            }
            for (CompiledAutomaton automaton : automata) {
                for (LeafReaderContext segment : reader.leaves()) {
                    TextVocabulary vocabulary = TextVocabulary.of(segment.reader());
                    int[] accepted = vocabulary.accepted(automaton);
                    assertNotNull(accepted, text);
                    for (int f = 0; f < TextVocabulary.FIELDS.size(); f++) {
                        Terms terms = segment.reader().terms(TextVocabulary.FIELDS.get(f));
                        List<String> expected = new ArrayList<>();
                        TermsEnum matching = automaton.getTermsEnum(terms);
                        for (BytesRef term = matching.next(); term != null; term = matching.next()) {
                            expected.add(term.utf8ToString() + " in " + matching.docFreq());
                        }
                        List<String> actual = new ArrayList<>();
                        vocabulary.forEachIn(accepted, f, terms.iterator(), on -> actual.add(on.term().utf8ToString() + " in " + on.docFreq()));
                        assertEquals(expected, actual, text + " in " + TextVocabulary.FIELDS.get(f));
                        compared++;
                        nonEmpty += expected.isEmpty() ? 0 : 1;
                    }
                }
            }
        }
        assertTrue(compared > 5_000 && nonEmpty > 1_000, compared + " compared, " + nonEmpty + " non-empty");
    }
}
