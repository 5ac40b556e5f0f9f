package dev.artifactcache.collection;

import org.tomlj.Toml;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a TOML text at its table headers ({@code [a.b]}, {@code [[a]]}), so that a large
 * manifest or lock file can be parsed a piece at a time (see {@link ChunkedToml}).
 *
 * <p>A header only counts at the start of a line that is outside any string, comment, array or
 * inline table: a small lexer tracks strings (all four kinds), comments and bracket depth. On
 * invalid TOML the split may be off, which only moves where tomlj reports the error.
 */
public final class TomlSections {

    /**
     * A table header.
     *
     * @param key           its key path
     * @param arrayOfTables whether it is an array-of-tables header {@code [[...]]}
     * @param end           char offset just after its closing bracket(s)
     */
    public record Header(List<String> key, boolean arrayOfTables, int end) {
    }

    /**
     * Lines {@code [start, end)} (char offsets) from one header to the next.
     *
     * @param line   1-based line of the section's first line
     * @param header null for the part before the first header
     */
    public record Section(int start, int end, int line, Header header) {
    }

    private TomlSections() {
    }

    public static List<Section> split(String text) {
        List<Section> sections = new ArrayList<>();
        int sectionStart = 0;
        int sectionLine = 1;
        Header sectionHeader = null;
        Lexer lexer = new Lexer(text);
        while (lexer.hasMore()) {
            if (lexer.atHeaderPosition()) {
                Header header = headerAt(text, lexer.position);
                if (header != null) {
                    if (lexer.position > sectionStart || sectionHeader != null) {
                        sections.add(new Section(sectionStart, lexer.position, sectionLine, sectionHeader));
                    }
                    sectionStart = lexer.position;
                    sectionLine = lexer.line;
                    sectionHeader = header;
                }
            }
            lexer.advance();
        }
        if (text.length() > sectionStart || sectionHeader != null) {
            sections.add(new Section(sectionStart, text.length(), sectionLine, sectionHeader));
        }
        return sections;
    }

    /** Just enough of TOML's lexical structure to know whether a line start is outside every value. */
    private static final class Lexer {
        private static final int CODE = 0;
        private static final int COMMENT = 1;
        private static final int BASIC = 2;
        private static final int LITERAL = 3;
        private static final int MULTILINE_BASIC = 4;
        private static final int MULTILINE_LITERAL = 5;

        private final String text;
        private int position;
        private int line = 1;
        private boolean lineStart = true;
        private int state = CODE;
        private int depth;

        Lexer(String text) {
            this.text = text;
        }

        boolean hasMore() {
            return position < text.length();
        }

        /** At the start of a line, outside strings, comments, arrays and inline tables. */
        boolean atHeaderPosition() {
            return lineStart && state == CODE && depth == 0;
        }

        void advance() {
            char c = text.charAt(position);
            lineStart = c == '\n';
            if (c == '\n') {
                line++;
                if (state == COMMENT || state == BASIC || state == LITERAL) {
                    state = CODE; // these end at the line end, even when unterminated (tomlj reports that)
                }
            } else if (state == CODE) {
                code(c);
            } else if (state == BASIC || state == MULTILINE_BASIC) {
                basic(c);
            } else if (state == LITERAL || state == MULTILINE_LITERAL) {
                literal(c);
            }
            position++;
        }

        private void code(char c) {
            if (c == '#') {
                state = COMMENT;
            } else if (c == '"') {
                state = opens("\"\"\"") ? MULTILINE_BASIC : BASIC;
            } else if (c == '\'') {
                state = opens("\'\'\'") ? MULTILINE_LITERAL : LITERAL;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }

        private void basic(char c) {
            if (c == '\\' && position + 1 < text.length() && text.charAt(position + 1) != '\n') {
                position++; // skip the escaped character, e.g. \"
            } else if (c == '"' && (state == BASIC || opens("\"\"\""))) {
                state = CODE;
            }
        }

        private void literal(char c) {
            if (c == '\'' && (state == LITERAL || opens("\'\'\'"))) {
                state = CODE;
            }
        }

        /** Whether a triple quote starts here; if so, steps over its first two characters. */
        private boolean opens(String triple) {
            if (text.startsWith(triple, position)) {
                position += 2;
                return true;
            }
            return false;
        }
    }

    /** The header on the line starting at {@code from}, or null when the line is not a (valid) header. */
    static Header headerAt(String text, int from) {
        int i = skipBlanks(text, from);
        if (i >= text.length() || text.charAt(i) != '[') {
            return null;
        }
        boolean array = i + 1 < text.length() && text.charAt(i + 1) == '[';
        int keyStart = i + (array ? 2 : 1);
        int keyEnd = closingBracket(text, keyStart);
        if (keyEnd < 0 || (array && !text.startsWith("]]", keyEnd))) {
            return null;
        }
        int after = skipBlanks(text, keyEnd + (array ? 2 : 1));
        if (after < text.length() && text.charAt(after) != '\n' && text.charAt(after) != '#'
                && !text.startsWith("\r\n", after)) {
            return null;
        }
        List<String> key = dottedKey(text, keyStart, keyEnd);
        return key == null ? null : new Header(key, array, keyEnd + (array ? 2 : 1));
    }

    /**
     * The key path of a header. Bare and quoted keys without escapes are split here: tomlj's own
     * {@link Toml#parseDottedKey} runs a parser per call, a third of the split time on 200,000 headers.
     */
    static List<String> dottedKey(String text, int from, int to) {
        List<String> key = new ArrayList<>(3);
        int i = from;
        while (true) {
            i = skipBlanks(text, i);
            int end;
            String part;
            if (i < to && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                end = text.indexOf(text.charAt(i), i + 1);
                if (end < 0 || end >= to || (text.charAt(i) == '"' && hasBackslash(text, i + 1, end))) {
                    return escapedKey(text, from, to);
                }
                part = text.substring(i + 1, end);
                end++;
            } else {
                end = i;
                while (end < to && isBareKeyChar(text.charAt(end))) {
                    end++;
                }
                if (end == i) {
                    return null;
                }
                part = text.substring(i, end);
            }
            key.add(part);
            i = skipBlanks(text, end);
            if (i >= to) {
                return key;
            }
            if (text.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }

    private static boolean hasBackslash(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\\') {
                return true;
            }
        }
        return false;
    }

    private static List<String> escapedKey(String text, int from, int to) {
        try {
            return Toml.parseDottedKey(text.substring(from, to).strip());
        } catch (IllegalArgumentException e) {
            return null; // not a valid key: leave it to tomlj to report where it stands
        }
    }

    private static boolean isBareKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static int skipBlanks(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Offset of the first ']' outside quotes on this line, or -1. */
    private static int closingBracket(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return -1;
            } else if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }
}
