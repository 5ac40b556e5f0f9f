package dev.artifactcache.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fixed query mix of performance.md, over one collection's listing route. Tags, tools and
 * words are named by their rank in the generator's fixed vocabulary, so the mix is the same for
 * every seed and size; only the cursors are fetched from the running service. Each kind is a
 * handful of concrete queries, and every query is equally likely.
 */
final class QueryMix {

    /** One request of the mix. */
    record Query(String kind, String label, String path) {
    }

    /** A query of the mix as checked once before the timed run. */
    record Checked(Query query, int status, long totalCount, int items) {
    }

    private static final JsonProvider JSON = JsonProvider.provider();

    private QueryMix() {
    }

    /** The parameters of every query, by kind, without cursors (documented in the README). */
    static Map<String, List<String>> parameters() {
        String tag1 = Vocabulary.TAGS.get(0);
        String tag2 = Vocabulary.TAGS.get(1);
        String tag3 = Vocabulary.TAGS.get(2);
        String tag5 = Vocabulary.TAGS.get(4);
        String tag40 = Vocabulary.TAGS.get(39);
        String rareTag = Vocabulary.TAGS.get(249);
        Map<String, List<String>> mix = new LinkedHashMap<>();
        mix.put("browse", List.of("limit=20", "limit=50"));
        mix.put("type_tab", List.of("artifact_type=skill", "artifact_type=agent&limit=50", "artifact_type=command,agent"));
        mix.put("tag", List.of("tags=" + tag1, "tags=" + tag40, "tags=" + rareTag));
        mix.put("two_tags", List.of("tags=" + tag2 + "," + tag5, "tags=" + tag1 + "," + tag3 + "&tag_mode=all"));
        mix.put("tool", List.of("tools=Bash", "tools=Read,Grep&tool_mode=all", "tools=mcp__github__create_issue"));
        mix.put("text_word", List.of("q=kubernetes", "q=pipeline", "q=deploy docker"));
        mix.put("text_prefix", List.of("q=ku", "q=kube", "q=kubern", "q=pdf ex"));
        mix.put("text_typo", List.of("q=dokcer", "q=terrafrom", "q=pyhton"));
        mix.put("sort", List.of("sort=-name", "sort=updated", "sort=-updated&artifact_type=skill"));
        mix.put("facets", List.of("facets=true", "facets=true&tags=" + tag1, "facets=true&artifact_type=skill&tools=Bash",
                "facets=true&q=review&artifact_type=skill,agent&tags=" + tag1));
        return mix;
    }

    /**
     * The mix for {@code collection}: the queries of {@link #parameters()} plus browse pages
     * reached with a cursor (page 2 of 20, page 10 of 50), fetched now by walking the pages.
     */
    static List<Query> build(LoopbackClient client, String collection) throws IOException {
        String base = "/api/v1/user-collections/" + encode(collection) + "/artifacts?";
        List<Query> queries = new ArrayList<>();
        parameters().forEach((kind, list) -> list.forEach(parameters -> queries.add(new Query(kind, parameters, base + encodeQuery(parameters)))));
        cursor(client, base, 20, 2).ifPresent(after -> queries.add(new Query("browse_cursor", "limit=20&after=<page 2>", base + "limit=20&after=" + encode(after))));
        cursor(client, base, 50, 10).ifPresent(after -> queries.add(new Query("browse_cursor", "limit=50&after=<page 10>", base + "limit=50&after=" + encode(after))));
        return List.copyOf(queries);
    }

    /** Runs each query once and reads its JSON: status, total_count and items. */
    static List<Checked> check(LoopbackClient client, List<Query> queries) throws IOException {
        List<Checked> checked = new ArrayList<>(queries.size());
        for (Query query : queries) {
            LoopbackClient.Response response = client.get(query.path());
            if (response.status() != 200) {
                checked.add(new Checked(query, response.status(), -1, -1));
                continue;
            }
            JsonObject page = parse(response.text());
            checked.add(new Checked(query, 200, page.getJsonObject("page_info").getJsonNumber("total_count").longValue(),
                    page.getJsonArray("items").size()));
        }
        return checked;
    }

    /** The end cursor of the page before {@code page}, or empty when the listing is shorter. */
    private static Optional<String> cursor(LoopbackClient client, String base, int limit, int page) throws IOException {
        String after = null;
        for (int i = 1; i < page; i++) {
            LoopbackClient.Response response = client.get(base + "limit=" + limit + (after == null ? "" : "&after=" + encode(after)));
            if (response.status() != 200) {
                throw new IOException("browsing page " + i + " answered " + response.status() + ": " + response.text());
            }
            JsonObject info = parse(response.text()).getJsonObject("page_info");
            if (!info.getBoolean("has_next_page")) {
                return Optional.empty();
            }
            after = info.getString("end_cursor");
        }
        return Optional.of(after);
    }

    static JsonObject parse(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** Encodes each value of {@code a=b&c=d} (spaces as %20, commas kept encoded). */
    static String encodeQuery(String parameters) {
        List<String> pairs = new ArrayList<>();
        for (String pair : parameters.split("&")) {
            int eq = pair.indexOf('=');
            pairs.add(pair.substring(0, eq + 1) + encode(pair.substring(eq + 1)));
        }
        return String.join("&", pairs);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
