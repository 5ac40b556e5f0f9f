package dev.artifactcache.membership;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.ServiceJvm;
import dev.artifactcache.TestHome;
import dev.artifactcache.store.EmbeddedH2;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 §1 for the data only the database holds: an acknowledged user-collection change survives
 * SIGKILL and a restart, a database moved aside, and a database that lost its last commit. The
 * database and the durable copy {@code user-collections.json} each record the membership revision;
 * at start the newer of the two wins.
 */
class MembershipDurabilityTest {

    private static final String BASE = "/api/v1/user-collections";
    private static final Path COPY = Path.of(DurableCopy.FILE);
    private static final Path STORE = Path.of("artifact-cache.mv.db");

    @TempDir
    Path tmp;

    @Test
    void aDatabaseThatLostTheLastChangeTakesItBackFromTheCopy() throws IOException {
        Path home = TestHome.fourArtifacts(tmp.resolve("home")).root();
        Path data = tmp.resolve("data");
        String id;
        try (RunningService service = start(home, data)) {
            id = create(service, "Favourites");
            add(service, id, "skill:pdf-tools");
            // What a SIGKILL leaves now: H2 runs no background writer, the file holds the last commit.
            Files.copy(data.resolve(STORE), tmp.resolve("revision-2.mv.db"));
            add(service, id, "mcp:github");
        }
        assertEquals(3, revision(data.resolve(COPY)));
        Files.copy(tmp.resolve("revision-2.mv.db"), data.resolve(STORE), StandardCopyOption.REPLACE_EXISTING);
        // After a crash the index is behind the database too; here it is not, so it goes, as after a crash that lost it.
        deleteTree(data.resolve("lucene"));

        try (RunningService service = start(home, data)) {
            assertEquals(List.of("default/mcp:github", "default/skill:pdf-tools"), members(service, id));
        }
        assertEquals(4, revision(data.resolve(COPY)), "the restore counts as a change; the copy and the database agree");
        assertEquals(List.of("Favourites:default/mcp:github", "Favourites:default/skill:pdf-tools"), stored(data));
    }

    @Test
    void aCopyBehindTheDatabaseIsRewrittenFromIt() throws IOException {
        Path home = TestHome.fourArtifacts(tmp.resolve("home")).root();
        Path data = tmp.resolve("data");
        String id;
        try (RunningService service = start(home, data)) {
            id = create(service, "Favourites");
            add(service, id, "skill:pdf-tools");
            Files.copy(data.resolve(COPY), tmp.resolve("copy-at-2.json"));
            add(service, id, "mcp:github");
        }
        // As if killed between the database's commit and the copy: that change was never answered.
        Files.copy(tmp.resolve("copy-at-2.json"), data.resolve(COPY), StandardCopyOption.REPLACE_EXISTING);

        try (RunningService service = start(home, data)) {
            assertEquals(List.of("default/mcp:github", "default/skill:pdf-tools"), members(service, id));
        }
        assertEquals(3, revision(data.resolve(COPY)));
        assertTrue(Files.readString(data.resolve(COPY)).contains("\"mcp:github\""));
    }

    /**
     * The service in a child JVM creates user collections and adds a member to each, one request after
     * the other, until it is killed at a seeded random moment, six times. After each kill the H2 file,
     * opened as the service opens it, holds every acknowledged change (and at most the one under way);
     * at the end the database is overwritten with garbage and the recovered service lists them all.
     */
    @Test
    void everyAcknowledgedChangeSurvivesSigkillAndARecoveredDatabase() throws Exception {
        Path home = TestHome.fourArtifacts(tmp.resolve("home")).root();
        Path data = tmp.resolve("data");
        Path config = Files.writeString(tmp.resolve("application.yaml"), "cache:\n  watch: false\nsecurity:\n  rate-limit:\n    per-minute: 0\n");
        Random random = new Random(20261201L);
        Set<String> acknowledged = new ConcurrentSkipListSet<>();
        Set<String> underWay = new ConcurrentSkipListSet<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        int[] next = {0};
        for (int kill = 1; kill <= 6; kill++) {
            ServiceJvm service = ServiceJvm.serve(home, data, config, "--port", "0");
            URI api = URI.create("http://127.0.0.1:" + service.awaitListening(Duration.ofMinutes(2)) + BASE);
            service.awaitLine(Pattern.compile("event=population_done"), Duration.ofMinutes(2));
            Thread writes = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        String name = "c" + (++next[0]);
                        underWay.add(name);
                        HttpResponse<String> created = http.send(HttpRequest.newBuilder(api).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                        if (created.statusCode() != 201) {
                            refused.add(created.body());
                            return;
                        }
                        acknowledged.add(name);
                        String member = name + ":default/skill:pdf-tools";
                        underWay.add(member);
                        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(api + "/" + RunningService.json(created.body()).getString("id") + "/artifacts"))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"artifact_ids\":[\"skill:pdf-tools\"]}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (added.statusCode() != 201) {
                            refused.add(added.body());
                            return;
                        }
                        acknowledged.add(member);
                    }
                } catch (IOException | InterruptedException killed) {
                    // the service was killed: no answer
                }
            });
            Thread.sleep(200 + random.nextInt(1500));
            service.kill();
            writes.join();
            assertEquals(List.of(), refused);

            EmbeddedH2.of(EmbeddedH2.url(data)).orElseThrow().openAtNewestCommit();
            Set<String> stored = new TreeSet<>(stored(data));
            stored.addAll(names(data));
            assertTrue(stored.containsAll(acknowledged), () -> "acknowledged but not stored: " + difference(acknowledged, stored));
            assertTrue(underWay.containsAll(stored), () -> "stored but never requested: " + difference(stored, underWay));
        }

        Files.write(data.resolve(STORE), new byte[(int) Files.size(data.resolve(STORE))]);
        try (RunningService service = start(home, data)) {
            Set<String> listed = new TreeSet<>();
            for (JsonObject item : allCollections(service)) {
                if (item.getString("name").startsWith("c")) {
                    listed.add(item.getString("name"));
                    members(service, item.getString("id")).forEach(member -> listed.add(item.getString("name") + ":" + member));
                }
            }
            assertTrue(listed.containsAll(acknowledged), () -> "acknowledged but lost in the recovery: " + difference(acknowledged, listed));
        }
    }

    private static RunningService start(Path home, Path data) {
        return RunningService.start(home, data, new MutableClock(RunningService.START), Map.of("security.rate-limit.per-minute", "0"));
    }

    private static String create(RunningService service, String name) {
        HttpResponse<String> created = service.post(BASE, "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return RunningService.json(created.body()).getString("id");
    }

    private static void add(RunningService service, String id, String artifactId) {
        HttpResponse<String> added = service.post(BASE + "/" + id + "/artifacts", "{\"artifact_ids\":[\"" + artifactId + "\"]}");
        assertEquals(201, added.statusCode(), added.body());
    }

    /** Every collection the listing holds, page by page (a page holds at most 100). */
    private static List<JsonObject> allCollections(RunningService service) {
        List<JsonObject> all = new ArrayList<>();
        String after = null;
        do {
            JsonObject page = service.getJson(BASE + "?limit=100" + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
            all.addAll(page.getJsonArray("items").getValuesAs(JsonObject.class));
            JsonObject info = page.getJsonObject("page_info");
            after = info.getBoolean("has_next_page") ? info.getString("end_cursor") : null;
        } while (after != null);
        return all;
    }

    private static List<String> members(RunningService service, String id) {
        return service.getJson(BASE + "/" + id + "/artifacts").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getString("collection") + "/" + item.getString("id")).sorted().toList();
    }

    private static long revision(Path copy) throws IOException {
        return RunningService.json(Files.readString(copy)).getJsonNumber("revision").longValueExact();
    }

    /** The members in the database, {@code <user collection name>:<collection>/<artifact id>}, sorted. */
    private static List<String> stored(Path data) {
        return query(data, "SELECT c.name || ':' || m.collection || '/' || m.artifact_id FROM user_collection_members m "
                + "JOIN user_collections c ON c.id = m.user_collection_id ORDER BY 1");
    }

    private static List<String> names(Path data) {
        return query(data, "SELECT name FROM user_collections ORDER BY 1");
    }

    private static List<String> query(Path data, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(EmbeddedH2.url(data), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return values;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Set<String> difference(Set<String> all, Set<String> minus) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(minus);
        return rest;
    }
}
