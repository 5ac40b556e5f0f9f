package dev.artifactcache.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The distinct-request mix of performance.md: thousands of different listings drawn (seeded) from
 * the generator's vocabulary and tags, so that no per-request cache answers them. Every kind is
 * equally likely; a request drawn twice is kept once, so each request of the list is new to the
 * service the first time it is sent.
 */
public final class DistinctMix {

    private static final List<String> SORTS = List.of("name", "-name", "updated", "-updated");
    private static final List<String> LIMITS = List.of("20", "24", "50");
    private static final List<String> TYPES = List.of("skill", "agent", "command", "mcp", "hook");
    private static final List<String> ORIGINS = List.of("local", "github", "marketplace");
    /** Words shorter than this are glue ("the", "of"), not searches. */
    private static final int MIN_WORD = 4;
    private static final List<String> WORDS = Vocabulary.WORDS.stream()
            .filter(w -> w.length() >= MIN_WORD && w.chars().allMatch(Character::isLetter)).toList();

    /** The kinds, each a request drawn from the vocabulary (documented in the README). */
    static final List<Kind> KINDS = List.of(
            new Kind("browse", r -> "sort=" + pick(r, SORTS) + "&limit=" + pick(r, LIMITS) + (r.nextBoolean() ? "" : "&origin=" + pick(r, ORIGINS))),
            new Kind("type_facets", r -> "artifact_type=" + types(r) + "&facets=true&sort=" + pick(r, SORTS)),
            new Kind("word", r -> "q=" + word(r)),
            new Kind("prefix_facets", r -> "q=" + prefix(r) + "&facets=true"),
            new Kind("typo", r -> "q=" + typo(r)),
            new Kind("type_tag", r -> "artifact_type=" + pick(r, TYPES) + "&tags=" + tag(r)),
            new Kind("tools_all_by_date", r -> "tools=" + tools(r) + "&tool_mode=all&sort=-updated"),
            new Kind("words_tag_facets", r -> "q=" + word(r) + " " + word(r) + "&tags=" + tag(r) + "&facets=true"));

    /** A kind of request and how one is drawn. */
    record Kind(String name, Function<Random, String> draw) {
    }

    private DistinctMix() {
    }

    /** {@code size} distinct requests over {@code collection}'s listing, in the order drawn. */
    static List<QueryMix.Query> build(String collection, int size, long seed) {
        String base = "/api/v1/user-collections/" + QueryMix.encode(collection) + "/artifacts?";
        Random random = new Random(seed);
        Set<String> seen = new LinkedHashSet<>();
        List<QueryMix.Query> queries = new ArrayList<>(size);
        int attempts = 0;
        while (queries.size() < size && attempts++ < size * 20) {
            Kind kind = KINDS.get(random.nextInt(KINDS.size()));
            String parameters = kind.draw().apply(random);
            if (seen.add(parameters)) {
                queries.add(new QueryMix.Query(kind.name(), parameters, base + QueryMix.encodeQuery(parameters)));
            }
        }
        return List.copyOf(queries);
    }

    /**
     * The server's {@code took_ms} (in nanoseconds) of each request's first answer, by kind: what
     * a request no cache has seen costs the search itself, without the loopback and HTTP.
     */
    static Map<String, Histogram> firstTookMs(LoopbackClient client, List<QueryMix.Query> queries) throws IOException {
        Map<String, Histogram> byKind = new LinkedHashMap<>();
        KINDS.forEach(kind -> byKind.put(kind.name(), LoadDriver.histogram()));
        for (QueryMix.Query query : queries) {
            LoopbackClient.Response response = client.get(query.path());
            if (response.status() != 200) {
                throw new IOException(query.path() + " answered " + response.status() + ": " + response.text());
            }
            double tookMs = QueryMix.parse(response.text()).getJsonNumber("took_ms").doubleValue();
            byKind.get(query.kind()).recordValue(Math.round(tookMs * 1e6));
        }
        return byKind;
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Tags by rank, the frequent ones more often, as people pick them (skewed like the generator's). */
    private static String tag(Random random) {
        int rank = (int) Math.floor(Math.pow(random.nextDouble(), 2) * Vocabulary.TAGS.size());
        return Vocabulary.TAGS.get(rank);
    }

    private static String word(Random random) {
        return pick(random, WORDS);
    }

    /** The first 3 or 4 letters of a word, as typed before the rest. */
    private static String prefix(Random random) {
        String word = word(random);
        return word.substring(0, Math.min(word.length(), 3 + random.nextInt(2)));
    }

    /** A word of 5 or more letters with two neighbouring letters swapped. */
    private static String typo(Random random) {
        String word;
        do {
            word = word(random);
        } while (word.length() < 5);
        return swapNeighbours(word, random);
    }

    /** {@code word} (3 letters or more) with two neighbouring letters after the first swapped: a typo as people make them. */
    public static String swapNeighbours(String word, Random random) {
        int at = 1 + random.nextInt(word.length() - 2);
        char[] letters = word.toCharArray();
        char swapped = letters[at];
        letters[at] = letters[at + 1];
        letters[at + 1] = swapped;
        return new String(letters);
    }

    /** One type, or two. */
    private static String types(Random random) {
        String first = pick(random, TYPES);
        String second = pick(random, TYPES);
        return random.nextBoolean() || second.equals(first) ? first : first + "," + second;
    }

    private static String tools(Random random) {
        List<String> common = Vocabulary.TOOLS.subList(0, 8);
        String first = pick(random, common);
        String second;
        do {
            second = pick(random, common);
        } while (second.equals(first));
        return first + "," + second;
    }
}
