package dev.artifactcache.collection;

/**
 * Where the frontmatter block of a Markdown file is: an optional BOM, optional blank lines, a
 * line {@code ---}, the YAML, a line {@code ---}. Lines may end in CRLF; trailing blanks on the
 * fence lines are tolerated.
 *
 * @param start     char offset of the YAML's first character
 * @param end       char offset just after the YAML (at the start of the closing fence line)
 * @param firstLine 1-based file line of the YAML's first line
 * @param bodyStart char offset of the line after the closing fence
 */
public record FrontmatterBlock(int start, int end, int firstLine, int bodyStart) {

    /** The block, or null when the file does not start with one (then it has no frontmatter). */
    public static FrontmatterBlock find(String text) {
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int lineEnd = lineEnd(text, pos);
        while (pos < text.length() && text.substring(pos, lineEnd).isBlank()) {
            pos = Math.min(text.length(), lineEnd + 1);
            lineEnd = lineEnd(text, pos);
            line++;
        }
        if (pos >= text.length() || !isFence(text, pos, lineEnd)) {
            return null;
        }
        int start = Math.min(text.length(), lineEnd + 1);
        for (int at = start; at < text.length(); ) {
            int end = lineEnd(text, at);
            if (isFence(text, at, end)) {
                return new FrontmatterBlock(start, at, line + 1, Math.min(text.length(), end + 1));
            }
            at = end + 1;
        }
        return null;
    }

    private static int lineEnd(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline;
    }

    /** Whether the line [from, to) is "---", ignoring trailing blanks and a CR. */
    private static boolean isFence(String text, int from, int to) {
        if (!text.startsWith("---", from)) {
            return false;
        }
        for (int i = from + 3; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
