package dev.artifactcache.collection;

/**
 * The description of last resort (formats.md, "Which value wins"): the first non-blank line of
 * the Markdown body that is not a heading, cut to 200 characters. Rule lines ({@code ---},
 * {@code ***}, {@code ===}) are skipped too: they are layout, not text.
 */
final class BodyDescription {

    static final int MAX_CODE_POINTS = 200;

    private BodyDescription() {
    }

    /** The description from the body starting at {@code bodyStart}, or null. Scans only up to that line. */
    static String firstLine(String text, int bodyStart) {
        int at = bodyStart;
        while (at < text.length()) {
            int newline = text.indexOf('\n', at);
            int end = newline < 0 ? text.length() : newline;
            String line = text.substring(at, end).strip();
            at = end + 1;
            if (!line.isEmpty() && !isHeading(line) && !isRule(line)) {
                return cut(line);
            }
        }
        return null;
    }

    private static boolean isHeading(String line) {
        int hashes = 0;
        while (hashes < line.length() && line.charAt(hashes) == '#') {
            hashes++;
        }
        return hashes >= 1 && hashes <= 6 && (hashes == line.length() || Character.isWhitespace(line.charAt(hashes)));
    }

    private static boolean isRule(String line) {
        if (line.length() < 3) {
            return false;
        }
        char first = line.charAt(0);
        if (first != '-' && first != '*' && first != '_' && first != '=') {
            return false;
        }
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != first && c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Cut by code points, never inside a surrogate pair. */
    private static String cut(String line) {
        if (line.codePointCount(0, line.length()) <= MAX_CODE_POINTS) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, MAX_CODE_POINTS)).strip();
    }
}
