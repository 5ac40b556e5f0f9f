package dev.artifactcache.index;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.automaton.CompiledAutomaton;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measurement aid, not a test: thread CPU to find the terms a prefix or typo matches in the five
 * text fields of every segment, by automaton intersection with each field's dictionary against one
 * pass over the segment's {@link TextVocabulary} and a seek per accepted term. Argument: an index
 * folder that {@link SearchCpuProbe} kept ({@code probe.dir}).
 */
final class VocabularyProbe {

    public static void main(String[] args) throws Exception {
        GeneratedCorpus corpus = new GeneratedCorpus(7);
        Random random = new Random(5);
        List<CompiledAutomaton> automata = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String word = corpus.words.get(random.nextInt(corpus.words.size()));
            if (!Boolean.getBoolean("probe.typosOnly")) {
                automata.add(Automata.prefix(word.substring(0, Math.min(word.length(), 3))));
            }
            if (TextQuery.maxEdits(word) > 0) {
                automata.add(Automata.typos(word, TextQuery.maxEdits(word)));
            }
        }
        var threads = ManagementFactory.getThreadMXBean();
        Path active = new IndexFolder(Path.of(args[0]).resolve("lucene")).active().orElseThrow();
        try (var directory = FSDirectory.open(active); var reader = DirectoryReader.open(directory)) {
            for (LeafReaderContext segment : reader.leaves()) {
                TextVocabulary.of(segment.reader());
            }
            for (int pass = 0; pass < Integer.getInteger("probe.passes", 8); pass++) {
                long start = threads.getCurrentThreadCpuTime();
                long found = 0;
                for (CompiledAutomaton automaton : automata) {
                    for (LeafReaderContext segment : reader.leaves()) {
                        for (String field : TextVocabulary.FIELDS) {
                            Terms terms = segment.reader().terms(field);
                            TermsEnum matching = automaton.getTermsEnum(terms);
                            while (matching.next() != null) {
                                found += matching.docFreq();
                            }
                        }
                    }
                }
                long intersect = threads.getCurrentThreadCpuTime() - start;
                start = threads.getCurrentThreadCpuTime();
                long foundToo = 0;
                for (CompiledAutomaton automaton : automata) {
                    for (LeafReaderContext segment : reader.leaves()) {
                        TextVocabulary vocabulary = TextVocabulary.of(segment.reader());
                        int[] accepted = vocabulary.accepted(automaton);
                        for (int f = 0; f < TextVocabulary.FIELDS.size(); f++) {
                            TermsEnum terms = segment.reader().terms(TextVocabulary.FIELDS.get(f)).iterator();
                            long[] sum = {0};
                            vocabulary.forEachIn(accepted, f, terms, on -> sum[0] += on.docFreq());
                            foundToo += sum[0];
                        }
                    }
                }
                long vocabulary = threads.getCurrentThreadCpuTime() - start;
                System.out.printf("pass %d: %d automata, intersect %.1f us each, vocabulary %.1f us each (postings %d = %d)%n", pass,
                        automata.size(), intersect / 1e3 / automata.size(), vocabulary / 1e3 / automata.size(), found, foundToo);
            }
        }
    }
}
