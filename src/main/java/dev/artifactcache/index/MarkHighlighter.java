package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Name and description fragments with {@code <mark>} around matched terms, for one page at once.
 * The text comes from the rows already read for the page and is re-analysed (the index holds no
 * offsets or term vectors) with the query-side analyzer, so marks cover word parts; the query's
 * prefix and typo clauses mark what they matched. A match only through a joined form
 * ({@code pdftools}) is found but not marked.
 */
final class MarkHighlighter {

    private static final String[] FIELDS = {ArtifactFields.NAME, ArtifactFields.DESCRIPTION};
    /** The whole name; up to two sentences of the description. */
    private static final int[] PASSAGES = {1, 2};
    private static final PassageFormatter FORMATTER = new MarkFormatter();

    private MarkHighlighter() {
    }

    /**
     * Fragments per item key; every row gets an entry, {@link Highlight#NONE} when nothing matched.
     *
     * @param docs the rows' doc ids, in the same order
     */
    static Map<String, Highlight> highlight(IndexSearcher searcher, Query text, int[] docs, List<ArtifactRow> rows)
            throws IOException {
        Map<Integer, ArtifactRow> byDoc = new HashMap<>();
        for (int i = 0; i < docs.length; i++) {
            byDoc.put(docs[i], rows.get(i));
        }
        Map<String, Object[]> fragments = new PageHighlighter(searcher, byDoc).highlight(text, docs);
        Map<String, Highlight> highlights = new LinkedHashMap<>();
        for (int i = 0; i < docs.length; i++) {
            List<String> name = list(fragments.get(ArtifactFields.NAME)[i]);
            List<String> description = list(fragments.get(ArtifactFields.DESCRIPTION)[i]);
            highlights.put(rows.get(i).key(), name.isEmpty() && description.isEmpty() ? Highlight.NONE : new Highlight(name, description));
        }
        return highlights;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object formatted) {
        return formatted == null ? List.of() : (List<String>) formatted;
    }

    /** A highlighter reading the page's rows instead of stored fields; one per page. */
    private static final class PageHighlighter extends UnifiedHighlighter {
        private final Map<Integer, ArtifactRow> rows;

        PageHighlighter(IndexSearcher searcher, Map<Integer, ArtifactRow> rows) {
            super(UnifiedHighlighter.builder(searcher, TextAnalysis.QUERY)
                    .withFormatter(FORMATTER)
                    .withMaxNoHighlightPassages(0)
                    .withWeightMatches(false));
            this.rows = rows;
        }

        Map<String, Object[]> highlight(Query text, int[] docs) throws IOException {
            return highlightFieldsAsObjects(FIELDS, text, docs, PASSAGES);
        }

        @Override
        protected BreakIterator getBreakIterator(String field) {
            return ArtifactFields.NAME.equals(field) ? new WholeBreakIterator() : BreakIterator.getSentenceInstance(Locale.ROOT);
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
                throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                ArtifactRow row = rows.get(doc);
                CharSequence[] perField = new CharSequence[fields.length];
                for (int f = 0; f < fields.length; f++) {
                    String value = ArtifactFields.NAME.equals(fields[f]) ? row.metadata().name() : row.metadata().description();
                    perField[f] = value == null ? "" : value;
                }
                values.add(perField);
            }
            return values;
        }
    }

    /** Escapes the text for HTML and marks the matches; one string per passage. */
    static final class MarkFormatter extends PassageFormatter {

        @Override
        public Object format(Passage[] passages, String content) {
            List<String> fragments = new ArrayList<>(passages.length);
            for (Passage passage : passages) {
                if (passage.getNumMatches() > 0) {
                    fragments.add(format(passage, content));
                }
            }
            return fragments;
        }

        private static String format(Passage passage, String content) {
            StringBuilder out = new StringBuilder();
            int[] starts = passage.getMatchStarts();
            int[] ends = passage.getMatchEnds();
            int position = passage.getStartOffset();
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int start = Math.max(starts[i], position);
                int end = ends[i];
                while (i + 1 < passage.getNumMatches() && starts[i + 1] <= end) {
                    end = Math.max(end, ends[++i]); // overlapping matches (e.g. a word and its parts) become one mark
                }
                if (end <= start) {
                    continue;
                }
                escape(out, content, position, start);
                out.append("<mark>");
                escape(out, content, start, end);
                out.append("</mark>");
                position = end;
            }
            escape(out, content, position, passage.getEndOffset());
            return out.toString().strip();
        }

        static void escape(StringBuilder out, String text, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append(c);
                }
            }
        }
    }
}
