package dev.artifactcache.edit;

/** The line end a file already uses, so that added lines match it. */
final class LineEnds {

    private LineEnds() {
    }

    /** CRLF when the first line ends in CRLF, else LF. */
    static String of(String text) {
        int newline = text.indexOf('\n');
        return newline > 0 && text.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
    }
}
