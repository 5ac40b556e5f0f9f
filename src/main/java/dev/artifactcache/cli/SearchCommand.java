package dev.artifactcache.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
                        + "finds it. Without text: the artifacts the options pick.",
                "With --json: the service's GET /api/v1/artifacts page."})
final class SearchCommand implements Callable<Integer> {

    static final String ROUTE = "/api/v1/artifacts";
    private static final int MAX_LIMIT = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "the words to look for")
    List<String> words = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE", split = ",", converter = ArtifactConverters.Type.class,
            description = "only these types (any of them)")
    List<String> types = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", split = ",", description = "only artifacts with one of these tags")
    List<String> tags = new ArrayList<>();

    @Option(names = "--tool", paramLabel = "TOOL", split = ",", description = "only artifacts using one of these tools")
    List<String> tools = new ArrayList<>();

    @Option(names = "--collection", paramLabel = "NAME", split = ",", description = "only these collections")
    List<String> collections = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "at most N results, 1 to 100 (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        JsonObject page = server.client(StatsCommand.READ_TIMEOUT).get(ROUTE + query());
        PrintWriter out = spec.commandLine().getOut();
        if (server.json) {
            out.println(page);
        } else {
            out.print(text(page));
        }
        return ExitStatus.OK;
    }

    private String query() {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        parameter(query, "q", String.join(" ", words));
        parameter(query, "artifact_type", String.join(",", types));
        parameter(query, "tags", String.join(",", tags));
        parameter(query, "tools", String.join(",", tools));
        parameter(query, "collection", String.join(",", collections));
        return query.toString();
    }

    private static void parameter(StringBuilder query, String name, String value) {
        if (!value.isBlank()) {
            // %20 rather than URLEncoder's "+", which not every server reads as a space in a query.
            query.append('&').append(name).append('=')
                    .append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    /** The results as a table and how many there are in all. */
    static String text(JsonObject page) {
        List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
        if (items.isEmpty()) {
            return "No artifact matches.\n";
        }
        TextTable table = new TextTable("ID", "COLLECTION", "TAGS", "DESCRIPTION");
        for (JsonObject item : items) {
            List<String> tags = item.getJsonArray("tags").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
            String description = item.get("description") instanceof JsonString text ? text.getString() : "";
            String flags = (item.getBoolean("stale", false) ? " [stale]" : "")
                    + (item.get("sync_error") instanceof JsonString ? " [sync error]"
                            : item.getJsonArray("sync_warnings") instanceof JsonArray w && !w.isEmpty() ? " [warning]" : "");
            table.row(item.getString("id"), item.getString("collection"), TextTable.cut(String.join(",", tags), 24),
                    TextTable.cut(description, 60) + flags);
        }
        int total = page.getJsonObject("page_info").getInt("total_count");
        String count = items.size() == total ? total + (total == 1 ? " artifact" : " artifacts")
                : items.size() + " of " + total + " artifacts (--limit shows up to " + MAX_LIMIT + ")";
        return table.render() + count + "\n";
    }
}
