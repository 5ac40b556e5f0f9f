package dev.artifactcache.cli;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Full-text search over every collection through {@code GET /api/v1/artifacts}, as a table. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Find artifacts across the collections; prints a table.", "",
                "Looks in names, titles, descriptions, tags and tools; the beginning of a word or a small typo still "
                        + "finds it; -word leaves out what has the word, \"two words\" asks for both words exactly (no typo, no prefix). Without "
                        + "text: the artifacts the options pick. The last line says how many more there are and the "
                        + "--after that shows them.",
                "With --json: the service's GET /api/v1/artifacts page (with --all: {\"items\": [every item], "
                        + "\"total_count\": n})."})
final class SearchCommand implements Callable<Integer> {

    static final String ROUTE = "/api/v1/artifacts";
    static final int MAX_LIMIT = 100;
    private static final JsonProvider JSON = JsonProvider.provider();

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "the words to look for")
    List<String> words = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE", split = ",", converter = ArtifactConverters.Type.class,
            description = "only these types (any of them)")
    List<String> types = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", split = ",", description = "only artifacts with one of these tags "
            + "(with --tag-mode all: with every one)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--tag-mode", paramLabel = "any|all", defaultValue = "any",
            description = "whether an artifact needs any of the tags or all of them (default: ${DEFAULT-VALUE})")
    String tagMode;

    @Option(names = "--tool", paramLabel = "TOOL", split = ",", description = "only artifacts using one of these tools "
            + "(with --tool-mode all: every one)")
    List<String> tools = new ArrayList<>();

    @Option(names = "--tool-mode", paramLabel = "any|all", defaultValue = "any",
            description = "whether an artifact needs any of the tools or all of them (default: ${DEFAULT-VALUE})")
    String toolMode;

    @Option(names = "--origin", paramLabel = "ORIGIN", split = ",", description = "only these origins: local, github, marketplace")
    List<String> origins = new ArrayList<>();

    @Option(names = "--stale", negatable = true, description = "only the stale documents (--no-stale: only the fresh ones)")
    Boolean stale;

    @Option(names = "--collection", paramLabel = "NAME", split = ",", description = "only these collections")
    List<String> collections = new ArrayList<>();

    @Option(names = "--sort", paramLabel = "ORDER", description = "name, -name, updated (oldest first), -updated "
            + "(newest first) or relevance (default: relevance with text, else name)")
    String sort;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "at most N results, 1 to 100 (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--after", paramLabel = "CURSOR", description = "the page after this cursor (the last line of a page names it)")
    String after;

    @Option(names = "--all", description = "every result, fetched page by page")
    boolean all;

    @Option(names = "--wide", description = "never cut a column (default: fit the terminal's width; without a "
            + "terminal, cut descriptions to " + ResultTable.PLAIN_DESCRIPTION + " characters)")
    boolean wide;

    @Override
    public Integer call() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        ServiceClient client = server.client(StatsCommand.READ_TIMEOUT);
        client.requireCollections(collections);
        JsonObject page = all ? everyPage(client) : client.get(ROUTE + query(after));
        PrintWriter out = spec.commandLine().getOut();
        if (server.json) {
            out.println(page);
        } else {
            out.print(ResultTable.forOutput(wide).text(page, after == null));
        }
        return ExitStatus.OK;
    }

    /** All pages joined: the items and the total, as the last page's page_info says there is no next. */
    private JsonObject everyPage(ServiceClient client) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        String cursor = after;
        JsonObject page;
        do {
            page = client.get(ROUTE + query(cursor));
            page.getJsonArray("items").forEach(items::add);
            JsonObject info = page.getJsonObject("page_info");
            cursor = info.getBoolean("has_next_page") ? info.getString("end_cursor") : null;
        } while (cursor != null);
        return JSON.createObjectBuilder().add("items", items)
                .add("page_info", JSON.createObjectBuilder(page.getJsonObject("page_info"))
                        .add("has_next_page", false).add("end_cursor", JsonValue.NULL))
                .build();
    }

    private String query(String cursor) {
        StringBuilder query = new StringBuilder("?limit=").append(all ? MAX_LIMIT : limit);
        parameter(query, "q", String.join(" ", words));
        parameter(query, "artifact_type", String.join(",", types));
        parameter(query, "tags", String.join(",", tags));
        parameter(query, "tag_mode", tags.isEmpty() ? "" : tagMode);
        parameter(query, "tools", String.join(",", tools));
        parameter(query, "tool_mode", tools.isEmpty() ? "" : toolMode);
        parameter(query, "origin", String.join(",", origins));
        parameter(query, "stale", stale == null ? "" : stale.toString());
        parameter(query, "collection", String.join(",", collections));
        parameter(query, "sort", sort == null ? "" : sort);
        parameter(query, "after", cursor == null ? "" : cursor);
        return query.toString();
    }

    private static void parameter(StringBuilder query, String name, String value) {
        if (!value.isBlank()) {
            // %20 rather than URLEncoder's "+", which not every server reads as a space in a query.
            query.append('&').append(name).append('=')
                    .append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }
}
