package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Name and description fragments with {@code <mark>} around matched terms. The text comes from the
 * rows already read for the page and is re-analysed (no offsets or term vectors in the index) with
 * the query-side analyzer, so marks cover word parts; the query's prefix and typo clauses highlight
 * what they matched. A match only through a joined form ({@code pdftools}) is found but not marked.
 */
final class MarkHighlighter {

    private static final int DESCRIPTION_PASSAGES = 2;

    private static final UnifiedHighlighter NAMES = UnifiedHighlighter.builderWithoutSearcher(TextAnalysis.QUERY)
            .withBreakIterator(WholeBreakIterator::new)
            .withFormatter(new MarkFormatter())
            .withMaxNoHighlightPassages(0)
            .build();
    private static final UnifiedHighlighter DESCRIPTIONS = UnifiedHighlighter.builderWithoutSearcher(TextAnalysis.QUERY)
            .withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.ROOT))
            .withFormatter(new MarkFormatter())
            .withMaxNoHighlightPassages(0)
            .build();

    private MarkHighlighter() {
    }

    /** Fragments per item key; every row gets an entry, {@link Highlight#NONE} when nothing matched. */
    static Map<String, Highlight> highlight(Query text, List<ArtifactRow> rows) throws IOException {
        Map<String, Highlight> highlights = new LinkedHashMap<>();
        for (ArtifactRow row : rows) {
            List<String> name = fragments(NAMES, ArtifactFields.NAME, text, row.metadata().name(), 1);
            List<String> description = fragments(DESCRIPTIONS, ArtifactFields.DESCRIPTION, text, row.metadata().description(),
                    DESCRIPTION_PASSAGES);
            highlights.put(row.key(), name.isEmpty() && description.isEmpty() ? Highlight.NONE : new Highlight(name, description));
        }
        return highlights;
    }

    @SuppressWarnings("unchecked")
    private static List<String> fragments(UnifiedHighlighter highlighter, String field, Query text, String content, int passages)
            throws IOException {
        if (content == null || content.isEmpty()) {
            return List.of();
        }
        Object formatted = highlighter.highlightWithoutSearcher(field, text, content, passages);
        return formatted == null ? List.of() : (List<String>) formatted;
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
