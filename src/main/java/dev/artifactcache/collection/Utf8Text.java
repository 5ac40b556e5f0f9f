package dev.artifactcache.collection;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a file's bytes as formats.md requires: UTF-8 only. Bytes that are not UTF-8 (a Latin-1
 * file, a PNG) or a UTF-16 file are a problem naming the byte, never text full of U+FFFD.
 */
final class Utf8Text {

    private Utf8Text() {
    }

    /** The text; a leading byte order mark is kept (the readers know where it may stand). */
    record Decoded(String text, String problem) {
    }

    /**
     * @return the text, or what is wrong with the bytes: {@code "is UTF-16 text; only UTF-8 is read"},
     *         {@code "not UTF-8 text at byte N"} or {@code "contains a NUL byte at byte N; a binary file is not read"},
     *         where N counts from 0, as hex editors do
     */
    static Decoded decode(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            return new Decoded(null, "is UTF-16 text; only UTF-8 is read");
        }
        String text = new String(bytes, StandardCharsets.UTF_8); // compact for ASCII: a 45 MB manifest stays 45 MB
        if (text.indexOf('\uFFFD') >= 0) {
            int malformed = firstMalformed(bytes); // the fast decode replaced bad bytes: tell those from a real U+FFFD
            if (malformed >= 0) {
                return new Decoded(null, "not UTF-8 text at byte " + malformed);
            }
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            return new Decoded(null, "contains a NUL byte at byte " + text.substring(0, nul).getBytes(StandardCharsets.UTF_8).length
                    + "; a binary file is not read");
        }
        return new Decoded(text, null);
    }

    /** The offset of the first byte that is not UTF-8, or -1. */
    private static int firstMalformed(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }
}
