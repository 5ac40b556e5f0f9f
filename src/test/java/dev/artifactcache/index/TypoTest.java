package dev.artifactcache.index;

import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A typo accepts exactly the terms that FuzzyQuery's Levenshtein automaton (the one highlighting uses) accepts. */
class TypoTest {

    @Test
    void examples() {
        assertTrue(accepts("dokcer", 1, "docker"), "two neighbours swapped is one edit");
        assertTrue(accepts("kubernetse", 2, "kubernete"));
        assertTrue(accepts("revew", 1, "review"), "a letter left out");
        assertTrue(accepts("review", 1, "reviews"), "a letter added");
        assertTrue(accepts("review", 1, "reviev"), "a letter replaced");
        assertTrue(accepts("review", 1, "review"), "no edit at all");
        assertFalse(accepts("review", 1, "previe"), "the first letter must be right");
        assertFalse(accepts("review", 1, "reveiw2"), "a swap and an added digit are two edits");
        assertTrue(accepts("review", 2, "reveiw2"));
        assertFalse(accepts("abcd", 1, "acdb"), "a letter moved two places is two edits");
        assertFalse(accepts("abcdef", 2, "acbfed"), "swaps do not overlap: a reversed triple is two edits on its own");
    }

    @Test
    void codePointsNotBytesCountAsOneEdit() {
        assertTrue(accepts("cafe", 1, "café"), "é is one character of two UTF-8 bytes");
        assertTrue(accepts("日本語です", 1, "日本語でず"));
        assertFalse(accepts("日本語です", 1, "本日語です"), "the first character is fixed, whatever its bytes");
        assertTrue(accepts("rocket", 1, "rock\uD83D\uDE80t"), "a character outside the BMP (a surrogate pair) is one edit");
        assertTrue(accepts("naïve", 2, "naevi"));
    }

    @Test
    void onlyOneOrTwoEdits() {
        assertThrows(IllegalArgumentException.class, () -> Typo.of("review", 0));
        assertThrows(IllegalArgumentException.class, () -> Typo.of("review", 3));
    }

    /** Every string of up to 7 letters over a small alphabet (many repeats, swaps and near misses) against queries of 4-8. */
    @Test
    void sameAsTheAutomatonOnEveryShortStringOfThreeLetters() {
        List<String> terms = new ArrayList<>();
        allStrings("", "abc", 7, terms);
        Random random = new Random(5);
        for (int q = 0; q < 60; q++) {
            String query = randomString(random, "abc", 4 + random.nextInt(5));
            for (int edits = 1; edits <= 2; edits++) {
                assertSameAsAutomaton(query, edits, terms);
            }
        }
    }

    /**
     * Every string of up to 5 characters over an alphabet of one to four UTF-8 bytes per character
     * (é two, 日 three, 🚀 four: a surrogate pair in Java) against queries of 3-6, so edits are
     * counted in characters, never bytes or chars.
     */
    @Test
    void sameAsTheAutomatonOnEveryShortStringOfWideCharacters() {
        String alphabet = "a\u00e9\u65e5-\uD83D\uDE80";
        List<String> terms = new ArrayList<>();
        allStrings("", alphabet, 5, terms);
        Random random = new Random(7);
        int accepted = 0;
        for (int q = 0; q < 40; q++) {
            String query = randomString(random, alphabet, 3 + random.nextInt(4));
            for (int edits = 1; edits <= 2; edits++) {
                accepted += assertSameAsAutomaton(query, edits, terms);
            }
        }
        assertTrue(accepted > 1000, "the queries accepted terms: " + accepted);
    }

    /** The generated corpus's words, joined names and tags, searched with typos of its words and random strings. */
    @Test
    void sameAsTheAutomatonOnTheGeneratedVocabulary() {
        GeneratedCorpus corpus = new GeneratedCorpus(11);
        List<String> terms = new ArrayList<>(corpus.words);
        corpus.rows(3000).forEach(row -> terms.add(row.metadata().name().replace("-", "")));
        terms.addAll(corpus.tags);
        Random random = new Random(6);
        for (int q = 0; q < 300; q++) {
            String word = corpus.words.get(random.nextInt(corpus.words.size()));
            String query = switch (q % 3) {
                case 0 -> word;
                case 1 -> edited(word, random);
                default -> edited(edited(word, random), random);
            };
            if (query.length() >= 2) {
                assertSameAsAutomaton(query, query.length() < 8 ? 1 : 2, terms);
            }
        }
    }

    /** @return how many of {@code terms} the query accepts */
    private static int assertSameAsAutomaton(String query, int edits, List<String> terms) {
        CompiledAutomaton automaton = Automata.typos(query, edits);
        Typo typo = Typo.of(query, edits);
        int[] scratch = new int[64];
        int accepted = 0;
        for (String term : terms) {
            BytesRef bytes = new BytesRef(term);
            boolean expected = automaton.runAutomaton.run(bytes.bytes, bytes.offset, bytes.length);
            int[] codePoints = term.codePoints().toArray();
            boolean filtered = typo.mayAccept(codePoints.length, Typo.characters(codePoints, codePoints.length));
            boolean actual = filtered && typo.accepts(bytes.bytes, bytes.offset, bytes.offset + bytes.length, scratch);
            assertEquals(expected, actual, query + "~" + edits + " against " + term);
            if (expected) {
                assertTrue(filtered, "the quick checks never leave out a match: " + query + "~" + edits + " against " + term);
                accepted++;
            }
        }
        return accepted;
    }

    private static boolean accepts(String query, int edits, String term) {
        Typo typo = Typo.of(query, edits);
        BytesRef bytes = new BytesRef(term);
        boolean expected = Automata.typos(query, edits).runAutomaton.run(bytes.bytes, bytes.offset, bytes.length);
        int[] codePoints = term.codePoints().toArray();
        boolean actual = typo.mayAccept(codePoints.length, Typo.characters(codePoints, codePoints.length))
                && typo.accepts(bytes.bytes, bytes.offset, bytes.offset + bytes.length, new int[bytes.length]);
        assertEquals(expected, actual, "the automaton disagrees on " + query + "~" + edits + " against " + term);
        return actual;
    }

    /** Every string of 1 to {@code maxLength} characters (code points) of {@code alphabet} that starts with {@code start}. */
    private static void allStrings(String start, String alphabet, int maxLength, List<String> into) {
        if (!start.isEmpty()) {
            into.add(start);
        }
        if (start.codePointCount(0, start.length()) < maxLength) {
            alphabet.codePoints().forEach(c -> allStrings(start + Character.toString(c), alphabet, maxLength, into));
        }
    }

    private static String randomString(Random random, String alphabet, int length) {
        int[] characters = alphabet.codePoints().toArray();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(characters[random.nextInt(characters.length)]);
        }
        return s.toString();
    }

    /** One random edit after the first letter: a swap, a deletion, an insertion or a substitution. */
    private static String edited(String word, Random random) {
        if (word.length() < 3) {
            return word;
        }
        int at = 1 + random.nextInt(word.length() - 2);
        char letter = (char) ('a' + random.nextInt(26));
        return switch (random.nextInt(4)) {
            case 0 -> word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
            case 1 -> word.substring(0, at) + word.substring(at + 1);
            case 2 -> word.substring(0, at) + letter + word.substring(at);
            default -> word.substring(0, at) + letter + word.substring(at + 1);
        };
    }
}
