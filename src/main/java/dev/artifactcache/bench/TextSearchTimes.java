package dev.artifactcache.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The service's own time ({@code took_ms}) for the listing a person builds on the collection page:
 * a word, two filters and the facets. Each description word of the vocabulary that the mix does
 * not use is searched once, the first search of that word since the start (its typo automaton
 * built, its total and facets counted), then each once more (both reused). The client's latency
 * adds the loopback and HTTP; this is the search itself.
 */
final class TextSearchTimes {

    /** The word comes first; the filters are those of the mix's richest facet query. */
    static final String FILTERS = "artifact_type=skill,agent&tags=" + Vocabulary.TAGS.get(0) + "&facets=true";
    /** Words this short are prefixes and stop words rather than what people search for. */
    private static final int MIN_LENGTH = 4;

    /**
     * @param first    took_ms of each word's first search, in nanoseconds
     * @param repeated took_ms of the same searches again
     */
    record Outcome(List<String> words, Histogram first, Histogram repeated) {
    }

    private TextSearchTimes() {
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
        Histogram first = LoadDriver.histogram();
        Histogram repeated = LoadDriver.histogram();
        for (Histogram times : List.of(first, repeated)) {
            for (String word : words) {
                times.recordValue(tookNanos(client, base + QueryMix.encodeQuery("q=" + word + "&" + FILTERS)));
            }
        }
        return new Outcome(words, first, repeated);
    }

    private static long tookNanos(LoopbackClient client, String path) throws IOException {
        LoopbackClient.Response response = client.get(path);
        if (response.status() != 200) {
            throw new IOException(path + " answered " + response.status() + ": " + response.text());
        }
        return Math.round(QueryMix.parse(response.text()).getJsonNumber("took_ms").doubleValue() * 1e6);
    }
}
