package dev.artifactcache.edit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Just enough of TOML's syntax to rewrite single values: where a value written at an offset ends,
 * and values written as TOML text.
 */
final class TomlText {

    private TomlText() {
    }

    /** A basic string, escaped as TOML requires. */
    static String string(String value) {
        return DoubleQuoted.of(value);
    }

    /** An array of strings on one line: {@code ["a", "b"]}. */
    static String list(List<String> values) {
        return values.stream().map(TomlText::string).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * The offset just after the value that starts at {@code from} (strings of all four kinds,
     * arrays and inline tables over several lines with their comments, or a bare value such as a
     * number), or -1 when it does not end.
     */
    static int valueEnd(String text, int from) {
        if (text.startsWith("\"\"\"", from)) {
            return closingTriple(text, from + 3, "\"\"\"", true);
        }
        if (text.startsWith("'''", from)) {
            return closingTriple(text, from + 3, "'''", false);
        }
        if (from < text.length() && (text.charAt(from) == '"' || text.charAt(from) == '\'')) {
            return closingQuote(text, from);
        }
        if (from < text.length() && (text.charAt(from) == '[' || text.charAt(from) == '{')) {
            return closingBracket(text, from);
        }
        int end = from;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '#') {
            end++;
        }
        while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static int closingTriple(String text, int from, String triple, boolean escapes) {
        for (int i = from; i < text.length(); i++) {
            if (escapes && text.charAt(i) == '\\') {
                i++;
            } else if (text.startsWith(triple, i)) {
                int end = i + 3;
                while (end < text.length() && end - i < 5 && text.charAt(end) == triple.charAt(0)) {
                    end++; // up to two quotes right before the closing ones belong to the string
                }
                return end;
            }
        }
        return -1;
    }

    private static int closingQuote(String text, int from) {
        char quote = text.charAt(from);
        for (int i = from + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    private static int closingBracket(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (c == '"' || c == '\'') {
                int end = text.startsWith(String.valueOf(c).repeat(3), i) ? closingTriple(text, i + 3, String.valueOf(c).repeat(3), c == '"')
                        : closingQuote(text, i);
                if (end < 0) {
                    return -1;
                }
                i = end - 1;
            } else if (c == '#') {
                int newline = text.indexOf('\n', i);
                if (newline < 0) {
                    return -1;
                }
                i = newline;
            }
        }
        return -1;
    }
}
