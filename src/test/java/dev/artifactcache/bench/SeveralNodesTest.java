package dev.artifactcache.bench;

import dev.artifactcache.Eventually;
import dev.artifactcache.TestHome;
import dev.artifactcache.store.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13's "Done when": a real PostgreSQL and three service processes on it, each with its own
 * data folder and port, sharing one SkillMeat home (the files live in one shared folder).
 */
class SeveralNodesTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    /** Child JVMs on a shared two-core machine, and a lease that must expire first: generous. */
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final int ARTIFACTS = 30;

    @TempDir
    Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Node> nodes = new ArrayList<>();
    private TestHome home;
    private String url;

    /** One service process and what it needs to be started again on the same data folder. */
    private final class Node {
        final String name;
        final Path data;
        ServiceProcess process;
        int port;

        Node(String name) {
            this.name = name;
            this.data = tmp.resolve(name).resolve("data");
        }

        void start() throws IOException {
            ServiceProcess.Launch launch = new ServiceProcess.Launch(
                    Path.of(ProcessHandle.current().info().command().orElseThrow()),
                    Bench.absolute(System.getProperty("java.class.path")), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
            process = ServiceProcess.start(launch, home.root(), data, tmp.resolve(name + ".log"),
                    Map.of("DB_CONNECTION_URL", url, "DB_CONNECTION_USERNAME", TestDatabase.PG_USER,
                            "DB_CONNECTION_PASSWORD", ""));
            port = (int) process.listening(WITHIN).value();
            Eventually.await(name + " ready (health UP)", WITHIN, () -> health().getString("status").equals("UP"));
        }

        JsonObject health() {
            HttpResponse<String> response = get("/observe/health");
            return response.statusCode() == 200 || response.statusCode() == 503 ? json(response.body())
                    : JSON.createObjectBuilder().add("status", "DOWN").build();
        }

        JsonObject check(String name) {
            return health().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> check.getString("name").equals(name)).findFirst().orElseThrow().getJsonObject("data");
        }

        boolean ingests() {
            return check("population").getBoolean("ingester");
        }

        /** A population (or a replica's catching up) finished after {@code since}. */
        boolean populatedAfter(Instant since) {
            JsonObject population = check("population");
            return population.getString("state").equals("done")
                    && Instant.parse(population.getString("finishedAt")).isAfter(since);
        }

        long documents() {
            return check("index").getJsonNumber("documents").longValue();
        }

        /** How many artifacts of collection default a word search finds. */
        int found(String word) {
            return totalCount("/api/v1/user-collections/default/artifacts?limit=100&q="
                    + URLEncoder.encode(word, StandardCharsets.UTF_8));
        }

        int total() {
            return totalCount("/api/v1/user-collections/default/artifacts?limit=1");
        }

        /** A listing's total_count; -1 while the node does not know collection default yet (404). */
        private int totalCount(String path) {
            HttpResponse<String> response = get(path);
            if (response.statusCode() == 404) {
                return -1;
            }
            assertEquals(200, response.statusCode(), response.body());
            return json(response.body()).getJsonObject("page_info").getInt("total_count");
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
        }

        HttpResponse<String> post(String path, String body) {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
    }

    @AfterEach
    void stop() throws IOException {
        for (Node node : nodes) {
            if (node.process != null) {
                node.process.close();
            }
        }
    }

    @Test
    void threeNodesOnOnePostgreSqlShowEveryChangeAndSurviveTheLossOfAny() throws Exception {
        url = TestDatabase.POSTGRESQL.freshUrl(tmp);
        home = new TestHome(tmp.resolve("home")).skills("default", ARTIFACTS);
        for (String name : List.of("n0", "n1", "n2")) {
            nodes.add(new Node(name));
        }
        // Concurrent starts: three populations race on an empty database.
        startAll(nodes);
        for (Node node : nodes) {
            Eventually.await(node.name + " lists every artifact", WITHIN, () -> node.total() == ARTIFACTS);
        }
        assertEquals(1, nodes.stream().filter(Node::ingests).count());
        Node ingester = nodes.stream().filter(Node::ingests).findFirst().orElseThrow();

        // A write through each node, the ingester and the others.
        List<String> words = List.of("quokka", "bilby", "dingo");
        for (int i = 0; i < nodes.size(); i++) {
            edit(3 + i, words.get(i));
            assertEquals(200, nodes.get(i).post("/api/v1/user-collections/sync-artifact",
                    "{\"artifact_id\":\"skill:skill-0000" + (3 + i) + "\",\"collection\":\"default\"}").statusCode());
        }
        for (String word : words) {
            awaitOnAll(nodes, word, 1);
        }

        // A file edit that only the ingester's watcher sees.
        edit(5, "wombat");
        awaitOnAll(nodes, "wombat", 1);

        // A delete (gone from the manifest) propagates.
        home.remove("default", "skill:skill-00007");
        for (Node node : nodes) {
            Eventually.await(node.name + " drops the deleted artifact", WITHIN, () -> node.total() == ARTIFACTS - 1);
        }

        // The tailers' listening connections die: a notification sent meanwhile is lost, and each
        // tailer reconnects and catches up (README, "Several nodes").
        assertEquals(nodes.size(), terminateListeners());
        edit(11, "potoroo");
        assertEquals(200, ingester.post("/api/v1/user-collections/sync-artifact",
                "{\"artifact_id\":\"skill:skill-00011\",\"collection\":\"default\"}").statusCode());
        awaitOnAll(nodes, "potoroo", 1);

        // Refreshes on every node at once.
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Integer>> refreshes = new ArrayList<>();
            for (Node node : nodes) {
                refreshes.add(threads.submit(() -> node.post("/api/v1/user-collections/refresh-cache", "{}").statusCode()));
            }
            for (Future<Integer> refresh : refreshes) {
                assertEquals(200, refresh.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertRowsAndIndexesAgree(ARTIFACTS - 1);

        // SIGKILL of the ingester: another node takes the lease, runs a population and picks up
        // edits; every node serves (health UP) throughout, the new ingester too while it populates.
        Instant killed = Instant.now();
        ingester.process.kill();
        List<Node> alive = nodes.stream().filter(node -> node != ingester).toList();
        List<String> notUp = healthWhile(alive, () -> Eventually.await("another node takes the lease and populates",
                WITHIN, () -> alive.stream().anyMatch(node -> node.ingests() && node.populatedAfter(killed))));
        assertEquals(List.of(), notUp);
        Node successor = alive.stream().filter(Node::ingests).findFirst().orElseThrow();
        assertEquals(true, successor.check("population").getBoolean("replicaInStep"));
        edit(9, "numbat");
        awaitOnAll(alive, "numbat", 1);

        // The killed node, restarted after missing changes, catches up.
        ingester.start();
        awaitOnAll(List.of(ingester), "numbat", 1);

        // A node whose data folder is gone rebuilds its index from the database.
        Node wiped = alive.stream().filter(node -> !node.ingests()).findFirst().orElse(alive.getFirst());
        wiped.process.close();
        Bench.deleteTree(wiped.data);
        wiped.start();
        awaitOnAll(List.of(wiped), "numbat", 1);
        assertRowsAndIndexesAgree(ARTIFACTS - 1);
    }

    /**
     * Samples the health of {@code nodes} every few milliseconds while {@code during} runs; returns
     * each sample that was not UP, as "node status population-state".
     */
    private static List<String> healthWhile(List<Node> nodes, Runnable during) throws Exception {
        List<String> notUp = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sampling = new AtomicBoolean(true);
        ExecutorService sampler = Executors.newSingleThreadExecutor();
        try {
            Future<?> samples = sampler.submit(() -> {
                while (sampling.get()) {
                    for (Node node : nodes) {
                        JsonObject health = node.health();
                        if (!health.getString("status").equals("UP")) {
                            notUp.add(node.name + " " + health);
                        }
                    }
                    Thread.sleep(20);
                }
                return null;
            });
            during.run();
            sampling.set(false);
            samples.get();
        } finally {
            sampler.shutdownNow();
        }
        return List.copyOf(notUp);
    }

    private void startAll(List<Node> starting) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(starting.size());
        try {
            List<Future<Object>> started = new ArrayList<>();
            for (Node node : starting) {
                started.add(threads.submit(() -> {
                    node.start();
                    return null;
                }));
            }
            for (Future<Object> done : started) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private void edit(int skill, String word) {
        String name = String.format("skill-%05d", skill);
        home.write("collections/default/skills/" + name + "/SKILL.md",
                "---\ndescription: Generated skill " + skill + " now about the " + word + "\ntags: [bulk]\n---\n");
    }

    private static void awaitOnAll(List<Node> on, String word, int count) {
        for (Node node : on) {
            Eventually.await(node.name + " finds \"" + word + "\"", WITHIN, () -> node.found(word) == count);
        }
    }

    /** Ends every tailer's listening session in the database; returns how many it ended. */
    private int terminateListeners() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.PG_USER, "");
             ResultSet ended = connection.createStatement().executeQuery("SELECT COUNT(pg_terminate_backend(pid)) "
                     + "FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN artifact_changes'")) {
            ended.next();
            return ended.getInt(1);
        }
    }

    /** One row per artifact, every seq once, and every running node's index equal to the live rows. */
    private void assertRowsAndIndexesAgree(long live) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.PG_USER, "");
             ResultSet counts = connection.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT seq), "
                     + "COUNT(DISTINCT collection || '/' || id), SUM(CASE WHEN deleted THEN 0 ELSE 1 END) FROM artifacts")) {
            counts.next();
            assertEquals(ARTIFACTS, counts.getLong(1));
            assertEquals(ARTIFACTS, counts.getLong(2));
            assertEquals(ARTIFACTS, counts.getLong(3));
            assertEquals(live, counts.getLong(4));
        }
        for (Node node : nodes) {
            if (node.process != null && isAlive(node)) {
                Eventually.await(node.name + " holds " + live + " documents", WITHIN, () -> node.documents() == live);
            }
        }
    }

    private static boolean isAlive(Node node) {
        return ProcessHandle.of(node.process.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(String body) {
        try (var reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
