package dev.artifactcache.index;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two bits of syntax the search text has, as search engines have them: {@code "two words"}
 * asks for those words exactly, {@code -word} leaves out what has the word. Everything else is plain
 * words; an unclosed quote or a lone {@code -} is a plain character, so no text can fail.
 *
 * @param words    the plain words, as one text
 * @param phrases  the quoted phrases
 * @param excluded the words after a {@code -} at the start of a word
 */
record QueryText(String words, List<String> phrases, List<String> excluded) {

    private static final Pattern PART = Pattern.compile("\"([^\"]*)\"|(?<=^|\\s)-([^\\s\"-][^\\s\"]*)");

    static QueryText parse(String text) {
        List<String> phrases = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        Matcher part = PART.matcher(text);
        int end = 0;
        while (part.find()) {
            words.append(text, end, part.start()).append(' ');
            if (part.group(1) != null) {
                phrases.add(part.group(1));
            } else {
                excluded.add(part.group(2));
            }
            end = part.end();
        }
        words.append(text.substring(end));
        return new QueryText(words.toString().strip().replaceAll("\\s+", " "), List.copyOf(phrases), List.copyOf(excluded));
    }
}
