package dev.artifactcache.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** One artifact in full through {@code GET /api/v1/user-collections/{collection}/artifacts/{id}}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print one artifact in full: every field the cache holds for it.", "",
                "Without --collection: the artifact in every collection that has it.",
                "With --json: the service's item, one JSON object a line."})
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "TYPE:NAME", converter = ArtifactConverters.Id.class, description = "the artifact, e.g. skill:pdf-tools")
    String id;

    @Option(names = "--collection", paramLabel = "NAME", description = "only in this collection")
    String collection;

    @Override
    public Integer call() {
        ServiceClient client = server.client(StatsCommand.READ_TIMEOUT);
        List<String> collections = collection != null ? List.of(collection) : client.collectionIds();
        client.requireCollections(collections);
        List<JsonObject> found = new ArrayList<>();
        for (String name : collections) {
            client.find("/api/v1/user-collections/" + encoded(name) + "/artifacts/" + encoded(id)).ifPresent(found::add);
        }
        if (found.isEmpty()) {
            throw CommandFailure.usage("No artifact \"" + id + "\" in " + (collection != null
                    ? "collection \"" + collection + "\"" : "any collection (" + String.join(", ", collections) + ")")
                    + "; search finds the ids: " + Launcher.command("search " + id.substring(id.indexOf(':') + 1)));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < found.size(); i++) {
            out.print(server.json ? found.get(i) + "\n" : (i > 0 ? "\n" : "") + text(found.get(i)));
        }
        return ExitStatus.OK;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A heading, then each field the item has a value for, as "name: value" under one another. */
    static String text(JsonObject item) {
        Map<String, String> fields = item.entrySet().stream()
                .filter(field -> !List.of("id", "collection").contains(field.getKey()))
                .filter(field -> !value(field.getValue()).isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, field -> value(field.getValue()), (a, b) -> a,
                        LinkedHashMap::new));
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        StringBuilder text = new StringBuilder(item.getString("id")).append(" in collection ")
                .append(item.getString("collection")).append('\n');
        fields.forEach((name, value) -> text.append("  ").append(String.format("%-" + width + "s", name + ":"))
                .append(value.replace("\n", "\n  " + " ".repeat(width))).append('\n'));
        return text.toString();
    }

    /** A field's text: lists joined by commas, null and empty lists as nothing. */
    private static String value(JsonValue value) {
        return switch (value) {
            case JsonString text -> text.getString().strip();
            case JsonArray list -> list.stream().map(ShowCommand::value).collect(Collectors.joining(", "));
            default -> value == JsonValue.NULL ? "" : value.toString();
        };
    }
}
