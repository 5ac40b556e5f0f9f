package dev.artifactcache.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How artifact text becomes terms. Names are identifiers ({@code pdf-tools}, {@code codeReviewer},
 * {@code mcp__github__create_issue}), so words are split at punctuation, underscores, case changes
 * and digit boundaries; then lower-cased, folded to ASCII and reduced by a minimal plural stemmer
 * ({@code PDFs} → {@code pdf}, {@code tools} → {@code tool}).
 *
 * <p>The index side also keeps the joined form ({@code pdftools}, {@code codereviewer}) so a query
 * typed without separators matches; the query side only splits, so {@code pdf-tools} in a query
 * means "pdf and tools" and matches a description saying "PDF tools" as well. Highlighting
 * re-analyses with the query side, whose parts carry their own offsets: a prefix {@code pdf} marks
 * {@code <mark>pdf</mark>-tools}, not the joined form spanning the whole name.
 */
final class TextAnalysis {

    private static final int SPLIT = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

    /** Analyzer instances are thread-safe (per-thread token stream reuse): one each for the process. */
    static final Analyzer INDEX = new ArtifactTextAnalyzer(SPLIT | WordDelimiterGraphFilter.CATENATE_ALL, true);
    /** Query terms and highlighting; parts keep their own offsets. */
    static final Analyzer QUERY = new ArtifactTextAnalyzer(SPLIT, false);

    private TextAnalysis() {
    }

    /**
     * The distinct query terms of {@code text}, in order of first appearance, at most {@code max}.
     * Any input is accepted: punctuation and operators are simply not terms.
     */
    static List<String> queryTerms(String text, int max) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = QUERY.tokenStream("q", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (terms.size() < max && stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail
        }
        return new ArrayList<>(terms);
    }

    private static final class ArtifactTextAnalyzer extends Analyzer {
        private final int flags;
        /** The index side: offsets are not indexed, so parts may keep their word's offsets. */
        private final boolean indexing;

        ArtifactTextAnalyzer(int flags, boolean indexing) {
            this.flags = flags;
            this.indexing = indexing;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new WhitespaceTokenizer();
            TokenStream stream = new WordDelimiterGraphFilter(source, !indexing, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE,
                    flags, null);
            // The index keeps positions (for phrases), not the token graph: a joined form ("wifi" of
            // "wi-fi") takes its first part's position, as the filter's increments say. Flattening
            // the graph (FlattenGraphFilter) gives the same positions at a higher indexing cost.
            stream = new LowerCaseFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            stream = new EnglishMinimalStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }
}
