package dev.artifactcache.collection;

/**
 * One-line TOML strings for {@link TomlSubsetParser}: basic ({@code "..."} with the standard
 * escapes) and literal ({@code '...'}). Multi-line strings, unknown escapes and control
 * characters give null, leaving the text to tomlj.
 */
final class TomlSubsetStrings {

    /** A string's value and the offset just after its closing quote. */
    record Scanned(String value, int end) {
    }

    private TomlSubsetStrings() {
    }

    /** The basic string starting at the quote at {@code start}, or null. */
    static Scanned basic(String text, int start) {
        if (text.startsWith("\"\"\"", start)) {
            return null;
        }
        StringBuilder unescaped = null;
        int from = start + 1;
        for (int i = from; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '"') {
                String value = unescaped == null ? text.substring(from, i) : unescaped.append(text, from, i).toString();
                return new Scanned(value, i + 1);
            }
            if (c == '\\') {
                unescaped = unescaped == null ? new StringBuilder() : unescaped;
                unescaped.append(text, from, i);
                int length = escape(text, i, unescaped);
                if (length < 0) {
                    return null;
                }
                i += length;
                from = i;
            } else if (isControl(c)) {
                return null; // includes the line end: the string is unterminated
            } else {
                i++;
            }
        }
        return null;
    }

    /** The literal string starting at the quote at {@code start}, or null. */
    static Scanned literal(String text, int start) {
        if (text.startsWith("'''", start)) {
            return null;
        }
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                return new Scanned(text.substring(start + 1, i), i + 1);
            }
            if (isControl(c)) {
                return null;
            }
        }
        return null;
    }

    static boolean isControl(char c) {
        return c != '\t' && (c < 0x20 || c == 0x7f);
    }

    /** Appends the escape at {@code at} and returns its length, or -1 for one left to tomlj. */
    private static int escape(String text, int at, StringBuilder out) {
        char kind = at + 1 < text.length() ? text.charAt(at + 1) : '\0';
        switch (kind) {
            case 'b' -> out.append('\b');
            case 't' -> out.append('\t');
            case 'n' -> out.append('\n');
            case 'f' -> out.append('\f');
            case 'r' -> out.append('\r');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case 'u', 'U' -> {
                int digits = kind == 'u' ? 4 : 8;
                int codePoint = hex(text, at + 2, digits);
                if (codePoint < 0 || !Character.isValidCodePoint(codePoint) || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                    return -1;
                }
                out.appendCodePoint(codePoint);
                return 2 + digits;
            }
            default -> {
                return -1;
            }
        }
        return 2;
    }

    private static int hex(String text, int from, int digits) {
        if (from + digits > text.length()) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < from + digits; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
