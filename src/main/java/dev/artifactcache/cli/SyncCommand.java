package dev.artifactcache.cli;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Syncs artifacts one by one through {@code sync-artifact}, printing each outcome as it comes. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Re-read artifacts from their files: sync skill:pdf-tools agent:code-reviewer", "",
                "Syncs them one by one and prints each outcome: created, updated, unchanged, deleted (gone from "
                        + "collection.toml) or failed with the reason. Exit status 1 when one failed.",
                "With --json: an array of the service's sync-artifact results."})
final class SyncCommand implements Callable<Integer> {

    static final String ROUTE = "/api/v1/user-collections/sync-artifact";
    private static final JsonProvider JSON = JsonProvider.provider();
    /** The widest outcome, "unchanged". */
    private static final int OUTCOME_WIDTH = 9;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Parameters(arity = "1..*", paramLabel = "TYPE:NAME", converter = ArtifactConverters.Id.class,
            description = "artifact ids, e.g. skill:pdf-tools agent:code-reviewer")
    List<String> ids;

    @Option(names = "--collection", paramLabel = "NAME",
            description = "the collection (default: the active one of the service's SkillMeat home)")
    String collection;

    @Override
    public Integer call() {
        ServiceClient client = server.client(null);
        PrintWriter out = spec.commandLine().getOut();
        int width = ids.stream().mapToInt(String::length).max().orElse(0);
        JsonArrayBuilder results = JSON.createArrayBuilder();
        boolean failed = false;
        for (String id : ids) {
            JsonObject result = client.post(ROUTE, body(id));
            failed |= "failed".equals(result.getString("outcome"));
            if (server.json) {
                results.add(result);
            } else {
                out.println(line(result, width));
                out.flush();
            }
        }
        if (server.json) {
            out.println(results.build());
        }
        return failed ? ExitStatus.FAILED : ExitStatus.OK;
    }

    private JsonObject body(String id) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("artifact_id", id);
        if (collection != null) {
            body.add("collection", collection);
        }
        return body.build();
    }

    /** {@code updated    skill:pdf-tools  default}, and the reason when it failed. */
    static String line(JsonObject result, int idWidth) {
        String outcome = result.getString("outcome");
        String line = String.format("%-" + OUTCOME_WIDTH + "s  %-" + idWidth + "s  %s", outcome,
                result.getString("artifact_id"), result.getString("collection"));
        return result.get("error") instanceof JsonString error ? line + "  " + error.getString() : line;
    }
}
