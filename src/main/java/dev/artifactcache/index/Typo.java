package dev.artifactcache.index;

import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.UnicodeUtil;

/**
 * The terms within a few edits of a query term, decided term by term as the Levenshtein automaton
 * of {@code FuzzyQuery.getFuzzyAutomaton(text, edits, Automata.TYPO_PREFIX, true)} would, without
 * building it (one for two edits takes about a millisecond to compile): a term must start with the
 * text's first code point, and the rest of both, in code points, must be within {@code edits}
 * insertions, deletions, substitutions and swaps of two neighbours (the optimal-string-alignment
 * distance). Two cheap necessary conditions come first: lengths at most {@code edits} apart, and at
 * most {@code edits} characters of each that the other lacks, told by a 64-bit set of characters.
 *
 * @param text  the query term
 * @param edits 1 or 2
 */
record Typo(String text, int edits, int[] codePoints, int fixed, BytesRef fixedStart, long characters) {

    static Typo of(String text, int edits) {
        if (edits < 1 || edits > 2) {
            throw new IllegalArgumentException("a typo has 1 or 2 edits, not " + edits);
        }
        int[] codePoints = text.codePoints().toArray();
        int fixed = Math.min(Automata.TYPO_PREFIX, codePoints.length);
        BytesRef fixedStart = new BytesRef(new String(codePoints, 0, fixed));
        return new Typo(text, edits, codePoints, fixed, fixedStart, characters(codePoints, codePoints.length));
    }

    /** The bit standing for a character: one per ASCII letter and digit, the rest share 28. */
    static long bit(int codePoint) {
        if (codePoint >= 'a' && codePoint <= 'z') {
            return 1L << (codePoint - 'a');
        }
        if (codePoint >= '0' && codePoint <= '9') {
            return 1L << (26 + codePoint - '0');
        }
        return 1L << (36 + codePoint % 28);
    }

    /** The set of the characters among the first {@code length} of {@code codePoints}. */
    static long characters(int[] codePoints, int length) {
        long set = 0;
        for (int i = 0; i < length; i++) {
            set |= bit(codePoints[i]);
        }
        return set;
    }

    /**
     * Whether a term of {@code length} code points with the characters {@code termCharacters} may
     * be a match: each character of one that the other lacks takes an edit of its own (a swap only
     * moves characters both have), and each edit changes the length by one at most.
     */
    boolean mayAccept(int length, long termCharacters) {
        return Math.abs(length - codePoints.length) <= edits
                && Long.bitCount(termCharacters & ~characters) <= edits
                && Long.bitCount(characters & ~termCharacters) <= edits;
    }

    /**
     * Whether the term {@code bytes[from, to)} (UTF-8) is a match.
     *
     * @param scratch at least {@code to - from} ints, overwritten
     */
    boolean accepts(byte[] bytes, int from, int to, int[] scratch) {
        int length = UnicodeUtil.UTF8toUTF32(new BytesRef(bytes, from, to - from), scratch);
        if (length < fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            if (scratch[i] != codePoints[i]) {
                return false;
            }
        }
        return withinEdits(codePoints, fixed, codePoints.length, scratch, fixed, length, edits);
    }

    /**
     * Whether {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)} are at most {@code max} edits apart,
     * a swap of two neighbours counting as one (optimal string alignment: no substring edited twice).
     */
    static boolean withinEdits(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo, int max) {
        int n = aTo - aFrom;
        int m = bTo - bFrom;
        if (Math.abs(n - m) > max) {
            return false;
        }
        // Three rows of the distance table: before last, last, current (over b's positions).
        int[] older = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int least = i;
            int ai = a[aFrom + i - 1];
            for (int j = 1; j <= m; j++) {
                int bj = b[bFrom + j - 1];
                int cost = ai == bj ? 0 : 1;
                int distance = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ai == b[bFrom + j - 2] && a[aFrom + i - 2] == bj) {
                    distance = Math.min(distance, older[j - 2] + 1);
                }
                current[j] = distance;
                least = Math.min(least, distance);
            }
            if (least > max) {
                return false; // every later row is at least this far
            }
            int[] reused = older;
            older = previous;
            previous = current;
            current = reused;
        }
        return previous[m] <= max;
    }
}
