package dev.artifactcache.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The service's own time ({@code took_ms}) for the listing a person builds on the collection page:
 * a word, two filters and the facets. Each description word of the vocabulary that the mix does
 * not use is searched three times in a row: the first search of that word since the start (its
 * typo automaton built, its total and facets counted), the same again (both reused), then the
 * word with another tag selected (the automaton reused, the counts new: a click on a facet). The
 * client's latency adds the loopback and HTTP; this is the search itself.
 */
final class TextSearchTimes {

    /** The filters of the mix's richest facet query; the word comes first. */
    static final String FILTERS = filters(Vocabulary.TAGS.get(0));
    /** The same with the second tag: what a click on another tag asks. */
    static final String OTHER_FILTERS = filters(Vocabulary.TAGS.get(1));
    /** Words this short are prefixes and stop words rather than what people search for. */
    private static final int MIN_LENGTH = 4;

    /**
     * took_ms in nanoseconds, one value per word in each histogram.
     *
     * @param newWord    the word's first search
     * @param repeated   the same request again
     * @param newFilters the word with the other tag
     */
    record Outcome(List<String> words, Histogram newWord, Histogram repeated, Histogram newFilters) {
    }

    private TextSearchTimes() {
    }

    private static String filters(String tag) {
        return "artifact_type=skill,agent&tags=" + tag + "&facets=true";
    }

    /** The vocabulary's description words of at least four letters that no query of the mix contains. */
    static List<String> words() {
        Collection<List<String>> mix = QueryMix.parameters().values();
        return Vocabulary.WORDS.stream()
                .filter(word -> word.length() >= MIN_LENGTH && word.chars().allMatch(Character::isLetter))
                .filter(word -> mix.stream().flatMap(List::stream).noneMatch(query -> query.contains(word)))
                .distinct()
                .toList();
    }

    static Outcome measure(LoopbackClient client, String collection) throws IOException {
        List<String> words = words();
        String base = "/api/v1/user-collections/" + QueryMix.encode(collection) + "/artifacts?";
        Histogram newWord = LoadDriver.histogram();
        Histogram repeated = LoadDriver.histogram();
        Histogram newFilters = LoadDriver.histogram();
        for (String word : words) {
            String path = base + QueryMix.encodeQuery("q=" + word + "&" + FILTERS);
            newWord.recordValue(tookNanos(client, path));
            repeated.recordValue(tookNanos(client, path));
            newFilters.recordValue(tookNanos(client, base + QueryMix.encodeQuery("q=" + word + "&" + OTHER_FILTERS)));
        }
        return new Outcome(words, newWord, repeated, newFilters);
    }

    private static long tookNanos(LoopbackClient client, String path) throws IOException {
        LoopbackClient.Response response = client.get(path);
        if (response.status() != 200) {
            throw new IOException(path + " answered " + response.status() + ": " + response.text());
        }
        return Math.round(QueryMix.parse(response.text()).getJsonNumber("took_ms").doubleValue() * 1e6);
    }
}
