package dev.artifactcache.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * What the cache holds and how fresh it is, from three read routes: the collections, SkillMeat's
 * cache statistics, and the health checks (the population's state).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Show documents, stale counts, collections, the population's state and when it finished.", "",
                "With --json: {\"collections\": <GET /api/v1/user-collections>, \"cache_stats\": "
                        + "<GET /api/v1/user-collections/cache-stats>, \"health\": <GET /observe/health>}."})
final class StatsCommand implements Callable<Integer> {

    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonProvider JSON = JsonProvider.provider();

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    /** Ages are measured on this side, as other clients do; tests set the service's clock. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        ServiceClient client = server.client(READ_TIMEOUT);
        JsonObject collections = client.get("/api/v1/user-collections");
        JsonObject stats = client.get("/api/v1/user-collections/cache-stats");
        JsonObject health = client.health();
        PrintWriter out = spec.commandLine().getOut();
        if (server.json) {
            out.println(JSON.createObjectBuilder().add("collections", collections).add("cache_stats", stats)
                    .add("health", health).build());
        } else {
            out.print(text(client.server().toString(), collections, stats, health, clock.instant()));
        }
        return ExitStatus.OK;
    }

    /** @param now the time the ages are measured to */
    static String text(String server, JsonObject collections, JsonObject stats, JsonObject health, Instant now) {
        JsonObject population = check(health, "population");
        JsonObject index = check(health, "index");
        StringBuilder text = new StringBuilder();
        field(text, "Service", server + ", " + ("UP".equals(health.getString("status", "")) ? "ready" : "not ready yet"));
        field(text, "Documents", stats.getInt("total_artifacts") + ": " + stats.getInt("fresh_count") + " fresh, "
                + stats.getInt("stale_count") + " stale (" + String.format(Locale.ROOT, "%.1f %%",
                stats.getJsonNumber("percentage_stale").doubleValue()) + "); a document goes stale "
                + age(stats.getJsonNumber("ttl_seconds").doubleValue()) + " after its files were checked");
        if (stats.getInt("total_artifacts") > 0) {
            field(text, "Oldest", "checked " + age(stats.getJsonNumber("oldest_sync_age_seconds").doubleValue()) + " ago");
        }
        field(text, "Population", population(population, now));
        field(text, "Index", value(index, "documents") + " documents, " + ("0".equals(value(index, "lag"))
                ? "in step with the database" : value(index, "lag") + " changes behind the database"));
        text.append('\n').append(collectionTable(collections.getJsonArray("items").getValuesAs(JsonObject.class)).render());
        return text.toString();
    }

    /**
     * {@code done at 2026-11-20T10:00:00Z (3 min ago): 2/2 collections, 32 artifacts}. A service
     * whose index was in step with the database at start is ready before its population has run,
     * so until the population finishes the line says why the service answers anyway.
     */
    static String population(JsonObject population, Instant now) {
        String line = value(population, "state") + finished(population, now) + ": " + value(population, "collections")
                + " collections, " + value(population, "artifacts") + " artifacts";
        if (population.containsKey("failure")) {
            line += "; failed: " + value(population, "failure");
        }
        if (!population.containsKey("finishedAt") && population.getBoolean("startedInStep", false)) {
            line += "; serving meanwhile (the index was in step with the database at start)";
        }
        return line;
    }

    /**
     * {@code  at 2026-11-20T10:00:00Z (3 min ago)}, or nothing before the population finished. No
     * age when the service's clock is ahead of this one's: a negative age would only confuse.
     */
    private static String finished(JsonObject population, Instant now) {
        if (!(population.get("finishedAt") instanceof JsonString finishedAt)) {
            return "";
        }
        Instant at = Instant.parse(finishedAt.getString());
        Duration ago = Duration.between(at, now);
        return " at " + at.truncatedTo(ChronoUnit.SECONDS)
                + (ago.isNegative() ? "" : " (" + age(ago.toMillis() / 1000.0) + " ago)");
    }

    /** One row per collection; the PROBLEM column only when a collection's manifest could not be read. */
    private static TextTable collectionTable(List<JsonObject> items) {
        boolean problems = items.stream().anyMatch(item -> item.get("sync_error") instanceof JsonString);
        TextTable table = problems ? new TextTable("COLLECTION", "ARTIFACTS", "STALE", "PROBLEM")
                : new TextTable("COLLECTION", "ARTIFACTS", "STALE");
        for (JsonObject item : items) {
            List<Object> cells = new ArrayList<>(List.of(item.getString("id"), item.getInt("artifact_count"),
                    item.getInt("stale_count")));
            if (problems) {
                cells.add(item.get("sync_error") instanceof JsonString error ? TextTable.cut(error.getString(), 70) : "");
            }
            table.row(cells.toArray());
        }
        return table;
    }

    /** The data of one health check, or empty when the service did not report it. */
    private static JsonObject check(JsonObject health, String name) {
        JsonValue checks = health.get("checks");
        if (checks == null || checks.getValueType() != JsonValue.ValueType.ARRAY) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return checks.asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(check -> name.equals(check.getString("name", null)))
                .map(check -> check.getJsonObject("data"))
                .filter(data -> data != null)
                .findFirst().orElse(JsonValue.EMPTY_JSON_OBJECT);
    }

    private static String value(JsonObject data, String key) {
        JsonValue value = data.get(key);
        return value == null ? "?" : value instanceof JsonString text ? text.getString() : value.toString();
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(String.format("%-11s %s", name, value)).append('\n');
    }

    /** {@code 45 s}, {@code 12 min}, {@code 3.5 h}, {@code 2.0 days}: as precise as a person needs. */
    static String age(double seconds) {
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60) + " min";
        }
        if (seconds < 36 * 3600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.1f days", seconds / 86_400);
    }
}
