package dev.artifactcache.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** A batch refresh through {@code refresh-metadata}, with a progress bar on a terminal and a summary. */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = {"Re-read many artifacts: a collection, some types or tags, the stale ones, or all.", "",
                "Each option narrows the choice; none refreshes everything. Shows a progress bar on a terminal, then "
                        + "a summary and each failure. Exit status 1 when an artifact failed.",
                "With --json: the service's refresh-metadata result."})
final class RefreshCommand implements Callable<Integer> {

    static final String ROUTE = "/api/v1/user-collections/refresh-metadata";
    /** A hook holds up the git command that ran it: past this it lets the service finish alone. */
    static final Duration HOOK_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final List<String> OUTCOMES = List.of("created", "updated", "unchanged", "deleted", "failed");

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = "--collection", paramLabel = "NAME", description = "only this collection")
    String collection;

    @Option(names = "--type", paramLabel = "TYPE", split = ",", converter = ArtifactConverters.Type.class,
            description = "only these types (any of them): skill, command, agent, hook, mcp, ...")
    List<String> types = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", split = ",", description = "only artifacts with one of these tags")
    List<String> tags = new ArrayList<>();

    @Option(names = "--stale-only", description = "only the documents whose files were checked longer than the TTL ago")
    boolean staleOnly;

    @Option(names = "--progress", negatable = true,
            description = "show a progress bar (default: when the output is a terminal)")
    Boolean progress;

    @Option(names = "--hook", description = "run as a git hook does: one line of output, and exit status 0 whatever "
            + "happens, so the git command is never failed or held up for long")
    boolean hook;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (hook) {
            return asHook(out);
        }
        ServiceClient client = server.client(null);
        JsonObject result;
        if (server.json) {
            result = client.post(ROUTE, body());
            out.println(result);
            return status(result);
        }
        if (progress != null ? progress : ProgressBar.onTerminal()) {
            ProgressBar bar = new ProgressBar(out);
            result = client.postWithProgress(ROUTE, body(), bar::show);
            bar.clear();
        } else {
            result = client.post(ROUTE, body());
        }
        out.println("Refreshed " + summary(result));
        errors(result).forEach(out::println);
        return status(result);
    }

    /** One line on success or failure, and 0: a git pull must not fail because the cache is down. */
    private int asHook(PrintWriter out) {
        String what = collection == null ? "the collections" : "collection " + collection;
        try {
            JsonObject result = server.client(HOOK_TIMEOUT).post(ROUTE, body());
            out.println(ArtifactCacheCommand.NAME + ": refreshed " + what + ": " + summary(result));
        } catch (CommandFailure e) {
            spec.commandLine().getErr().println(ArtifactCacheCommand.NAME + ": " + what + " not refreshed: " + e.getMessage());
        }
        return ExitStatus.OK;
    }

    private JsonObject body() {
        JsonObjectBuilder body = JSON.createObjectBuilder();
        if (collection != null) {
            body.add("collection", collection);
        }
        if (!types.isEmpty()) {
            body.add("artifact_type", JSON.createArrayBuilder(types));
        }
        if (!tags.isEmpty()) {
            body.add("tags", JSON.createArrayBuilder(tags));
        }
        if (staleOnly) {
            body.add("stale_only", true);
        }
        return body.build();
    }

    private static int status(JsonObject result) {
        return result.getInt("failed") > 0 ? ExitStatus.FAILED : ExitStatus.OK;
    }

    /** {@code 32 artifacts in 0.41 s: 1 updated, 30 unchanged, 1 failed} (outcomes that did not occur left out). */
    static String summary(JsonObject result) {
        int scanned = result.getInt("scanned");
        List<String> counts = OUTCOMES.stream().filter(o -> result.getInt(o) > 0).map(o -> result.getInt(o) + " " + o).toList();
        return scanned + (scanned == 1 ? " artifact" : " artifacts") + " in "
                + String.format(Locale.ROOT, "%.2f s", result.getJsonNumber("took_ms").doubleValue() / 1000)
                + (counts.isEmpty() ? "" : ": " + String.join(", ", counts));
    }

    /** One indented line per failure: {@code failed  skill:x in default: reason}, or the collection's manifest error. */
    static List<String> errors(JsonObject result) {
        return result.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(error -> "  failed  " + (error.get("artifact_id") instanceof JsonString id
                        ? id.getString() + " in " : "collection ") + error.getString("collection") + ": "
                        + error.getString("detail"))
                .toList();
    }
}
