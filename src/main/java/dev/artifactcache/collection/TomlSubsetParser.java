package dev.artifactcache.collection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the plain subset of TOML that SkillMeat's writer produces for one group of tables
 * (header lines, {@code key = value} with one-line strings, integers, decimals, booleans and
 * arrays of those, comments), about ten times faster than tomlj. Anything beyond the subset, or
 * anything TOML would reject, gives null and the caller parses the text with tomlj: tomlj stays
 * the authority for every error message and every less common form.
 *
 * <p>Tables become {@link Map}s, arrays {@link List}s, integers {@link Long}s, decimals
 * {@link Double}s: the same values {@link TomlValues#plain} makes of tomlj's result.
 */
final class TomlSubsetParser {

    /** An array made by {@code [[...]]} headers; only these may be extended by one (TOML forbids it for values). */
    private static final class TableArray extends ArrayList<Object> {
    }

    /** Returned by the value parsers when the text is beyond the subset. */
    private static final Object BEYOND = new Object();

    private final String text;
    private int pos;

    private TomlSubsetParser(String text) {
        this.text = text;
    }

    /** The document, or null when it is not (only) the plain subset. */
    static Map<String, Object> parse(String text) {
        return new TomlSubsetParser(text).document();
    }

    private Map<String, Object> document() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> table = root;
        while (pos < text.length()) {
            skipBlanks();
            if (pos >= text.length() || atLineEnd() || peek() == '#') {
                if (!comment() || !newline()) {
                    return null;
                }
            } else if (peek() == '[') {
                TomlSections.Header header = TomlSections.headerAt(text, pos);
                table = header == null ? null : open(root, header);
                if (table == null) {
                    return null;
                }
                pos = header.end(); // headerAt checked that only blanks and a comment follow
                skipBlanks();
                if (!comment() || !newline()) {
                    return null;
                }
            } else if (!keyValue(table)) {
                return null;
            }
        }
        return root;
    }

    private boolean keyValue(Map<String, Object> table) {
        String key = key();
        skipBlanks();
        if (key == null || peek() != '=') {
            return false; // includes dotted keys: left to tomlj
        }
        pos++;
        skipBlanks();
        Object value = value();
        if (value == BEYOND || table.putIfAbsent(key, value) != null) {
            return false;
        }
        skipBlanks();
        return comment() && newline();
    }

    /** The table a header opens, creating the tables on its path; null when TOML would object or it is unusual. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> open(Map<String, Object> root, TomlSections.Header header) {
        Map<String, Object> table = root;
        List<String> key = header.key();
        for (int i = 0; i < key.size() - 1; i++) {
            Object next = table.computeIfAbsent(key.get(i), k -> new LinkedHashMap<String, Object>());
            if (next instanceof TableArray array) {
                next = array.getLast();
            }
            if (!(next instanceof Map)) {
                return null;
            }
            table = (Map<String, Object>) next;
        }
        Map<String, Object> opened = new LinkedHashMap<>();
        Object existing = table.get(key.getLast());
        if (header.arrayOfTables()) {
            if (existing == null) {
                table.put(key.getLast(), existing = new TableArray());
            }
            if (!(existing instanceof TableArray array)) {
                return null;
            }
            array.add(opened);
            return opened;
        }
        // An existing table may be implicit ([a.b] before [a]), which TOML allows: tomlj sorts that out.
        return existing == null && table.put(key.getLast(), opened) == null ? opened : null;
    }

    private String key() {
        char c = peek();
        if (c == '"' || c == '\'') {
            int end = text.indexOf(c, pos + 1);
            int lineEnd = lineEnd();
            if (end < 0 || end > lineEnd || (c == '"' && text.substring(pos, end).indexOf('\\') >= 0)) {
                return null; // escaped quoted keys: left to tomlj
            }
            String key = text.substring(pos + 1, end);
            pos = end + 1;
            return key.chars().anyMatch(ch -> TomlSubsetStrings.isControl((char) ch)) ? null : key;
        }
        int start = pos;
        while (pos < text.length() && isBareKeyChar(text.charAt(pos))) {
            pos++;
        }
        return pos > start ? text.substring(start, pos) : null;
    }

    private Object value() {
        char c = peek();
        return switch (c) {
            case '"' -> string(TomlSubsetStrings.basic(text, pos));
            case '\'' -> string(TomlSubsetStrings.literal(text, pos));
            case '[' -> array();
            case 't', 'f' -> bool();
            default -> c == '-' || c == '+' || (c >= '0' && c <= '9') ? number() : BEYOND;
        };
    }

    private Object string(TomlSubsetStrings.Scanned scanned) {
        if (scanned == null) {
            return BEYOND;
        }
        pos = scanned.end();
        return scanned.value();
    }

    /** An array, possibly over several lines with comments and a trailing comma. */
    private Object array() {
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
            if (!skipArraySpace()) {
                return BEYOND;
            }
            if (peek() == ']') {
                pos++;
                return items;
            }
            Object item = value();
            if (item == BEYOND || !skipArraySpace()) {
                return BEYOND;
            }
            items.add(item);
            if (peek() == ',') {
                pos++;
            } else if (peek() != ']') {
                return BEYOND;
            }
        }
    }

    /** Skips blanks, newlines and comments inside an array; false at the end of the text or on a stray character. */
    private boolean skipArraySpace() {
        while (pos < text.length()) {
            skipBlanks();
            if (peek() == '#' && !comment()) {
                return false;
            }
            if (!atLineEnd()) {
                return pos < text.length();
            }
            if (!newline()) {
                return false;
            }
        }
        return false;
    }

    private Object bool() {
        boolean value = peek() == 't';
        String word = value ? "true" : "false";
        if (!text.startsWith(word, pos) || isBareKeyChar(charAt(pos + word.length()))) {
            return BEYOND;
        }
        pos += word.length();
        return value;
    }

    /** Plain decimal integers and decimals; exponents, hex, octal, underscores, inf, nan and dates are left to tomlj. */
    private Object number() {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        int integerStart = pos;
        int digits = digits();
        if (digits == 0 || (digits > 1 && text.charAt(integerStart) == '0')) {
            return BEYOND; // TOML has no leading zeros
        }
        boolean decimal = peek() == '.';
        if (decimal) {
            pos++;
            if (digits() == 0) {
                return BEYOND;
            }
        }
        if (isBareKeyChar(peek()) || peek() == '.' || peek() == ':') {
            return BEYOND; // 1e5, 0x1F, 1_000, 2026-01-15, 10:30 ...
        }
        String number = text.substring(start, pos);
        try {
            return decimal ? (Object) Double.valueOf(number) : (Object) Long.valueOf(number);
        } catch (NumberFormatException e) {
            return BEYOND; // out of range: tomlj reports it
        }
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    /** Skips a comment if one starts here; false when it holds a character TOML forbids. */
    private boolean comment() {
        if (peek() != '#') {
            return true;
        }
        int end = lineEnd();
        for (int i = pos + 1; i < end; i++) {
            if (TomlSubsetStrings.isControl(text.charAt(i))) {
                return false;
            }
        }
        pos = end;
        return true;
    }

    /** Steps over the line end here (LF or CRLF) or accepts the end of the text; false on anything else. */
    private boolean newline() {
        if (pos >= text.length()) {
            return true;
        }
        if (text.startsWith("\r\n", pos)) {
            pos += 2;
            return true;
        }
        if (text.charAt(pos) == '\n') {
            pos++;
            return true;
        }
        return false;
    }

    private boolean atLineEnd() {
        return pos >= text.length() || text.charAt(pos) == '\n' || text.startsWith("\r\n", pos);
    }

    private int lineEnd() {
        int newline = text.indexOf('\n', pos);
        int end = newline < 0 ? text.length() : newline;
        return end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private char peek() {
        return charAt(pos);
    }

    private char charAt(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private static boolean isBareKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
