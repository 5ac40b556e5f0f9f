package dev.artifactcache.store;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.MutableClock;
import dev.artifactcache.ServiceJvm;
import dev.artifactcache.Settings;
import dev.artifactcache.bench.HomeGenerator;
import dev.artifactcache.bench.HomeGenerator.EditableFile;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 §1: the service in a child JVM is killed with SIGKILL at seeded random moments of its first
 * population, of refreshes and of a run of single syncs, and started again each time. After every
 * kill the H2 file must open and hold every write the service acknowledged over HTTP, as it is, before
 * a restart reads the files again; after the last start the cache must equal one built from scratch
 * over the same files.
 *
 * <p>Each edit writes {@code v<N>} at the start of an artifact's description, N growing, so
 * "acknowledged" is exact: a row must hold at least the version whose sync answered 200.
 */
class KillNineTest {

    private static final long SEED = 20261130L;
    private static final int ARTIFACTS = 2000;
    private static final int POPULATION_KILLS = 18;
    private static final int REFRESH_KILLS = 16;
    private static final int SYNC_KILLS = 16;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern VERSION = Pattern.compile("^v(\\d+) ");

    @TempDir
    Path tmp;

    private final Random random = new Random(SEED);
    private final HttpClient http = HttpClient.newHttpClient();
    /** The version each edited artifact (collection/id) holds in its file: what the cache must converge to. */
    private final Map<String, Integer> written = new HashMap<>();
    /** The version of each artifact a sync acknowledged (answered 200) at the latest. */
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    /** Write requests answered with anything but 200: there must be none. */
    private final List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
    private List<EditableFile> editable;
    private Path home;
    private Path data;
    private Path config;
    private int kills;

    @Test
    void everyKillLeavesADatabaseThatOpensWithEveryAcknowledgedWrite() throws Exception {
        home = tmp.resolve("home");
        data = tmp.resolve("data");
        config = Files.writeString(tmp.resolve("application.yaml"), """
                cache:
                  watch: false
                security:
                  rate-limit:
                    per-minute: 0
                """);
        editable = HomeGenerator.generate(home, new HomeGenerator.Spec(ARTIFACTS, SEED, 3)).editable();

        for (int i = 0; i < POPULATION_KILLS; i++) {
            killDuringPopulation();
        }
        for (int i = 0; i < REFRESH_KILLS; i++) {
            killDuringRefresh();
        }
        for (int i = 0; i < SYNC_KILLS; i++) {
            killDuringSyncs();
        }
        assertEquals(POPULATION_KILLS + REFRESH_KILLS + SYNC_KILLS, kills);
        assertEquals(List.of(), refused);

        try (ServiceJvm service = ServiceJvm.serve(home, data, config, "--port", "0")) {
            service.awaitLine(Pattern.compile("event=population_done"), START_TIMEOUT);
        }
        assertEveryAcknowledgedWriteIsBack();
        assertConvergedToTheFiles();
    }

    private void killDuringPopulation() throws Exception {
        ServiceJvm service = ServiceJvm.serve(home, data, config, "--port", "0");
        service.awaitListening(START_TIMEOUT);
        Thread.sleep(random.nextInt(2000));
        killAndCheck(service);
    }

    /** Every editable artifact gets a new version, then one refresh of everything runs until the kill. */
    private void killDuringRefresh() throws Exception {
        ServiceJvm service = ServiceJvm.serve(home, data, config, "--port", "0");
        URI api = api(service.awaitListening(START_TIMEOUT));
        Map<String, Integer> versions = new HashMap<>();
        for (EditableFile file : editable) {
            versions.put(key(file), edit(file));
        }
        Thread refresh = Thread.ofVirtual().start(() -> {
            if (post(api.resolve("user-collections/refresh-cache"), "{}")) {
                versions.forEach(this::acknowledge);
            }
        });
        Thread.sleep(random.nextInt(1500));
        killAndCheck(service);
        refresh.join();
    }

    /** Single syncs of random artifacts, one after the other, each after an edit of its file, until the kill. */
    private void killDuringSyncs() throws Exception {
        ServiceJvm service = ServiceJvm.serve(home, data, config, "--port", "0");
        URI api = api(service.awaitListening(START_TIMEOUT));
        List<EditableFile> picks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            picks.add(editable.get(random.nextInt(editable.size())));
        }
        Thread syncs = Thread.ofVirtual().start(() -> {
            for (EditableFile file : picks) {
                int version = edit(file);
                String body = "{\"artifact_id\":\"" + file.artifactId() + "\",\"collection\":\"" + file.collection() + "\"}";
                if (!post(api.resolve("user-collections/sync-artifact"), body)) {
                    return;
                }
                acknowledge(key(file), version);
            }
        });
        Thread.sleep(300 + random.nextInt(1500));
        killAndCheck(service);
        syncs.join();
    }

    private void killAndCheck(ServiceJvm service) throws InterruptedException {
        service.kill();
        kills++;
        assertOpensWithEveryAcknowledgedWrite();
    }

    /**
     * Opens the H2 file as the service does, runs the service's first query (over the seq index, which
     * met the broken rows in issue 12) and reads every row: each holds at least the version a sync
     * acknowledged, before any restart reads the files again.
     */
    private void assertOpensWithEveryAcknowledgedWrite() {
        Map<String, Integer> stored = new HashMap<>();
        EmbeddedH2.of(settings().jdbcUrl()).orElseThrow().openAtNewestCommit();
        try (Connection connection = DriverManager.getConnection(settings().jdbcUrl(), "sa", "");
             Statement statement = connection.createStatement()) {
            try (ResultSet max = statement.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM artifacts")) {
                max.next();
            }
            try (ResultSet rows = statement.executeQuery("SELECT collection, id, description FROM artifacts ORDER BY seq")) {
                while (rows.next()) {
                    Matcher version = VERSION.matcher(String.valueOf(rows.getString(3)));
                    stored.put(rows.getString(1) + "/" + rows.getString(2), version.find() ? Integer.parseInt(version.group(1)) : 0);
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("after kill " + kills + " the database does not open: " + e.getMessage(), e);
        }
        List<String> behind = acknowledged.entrySet().stream().filter(e -> stored.getOrDefault(e.getKey(), -1) < e.getValue())
                .map(e -> e.getKey() + " holds v" + stored.get(e.getKey()) + ", acknowledged v" + e.getValue()).sorted().toList();
        assertEquals(List.of(), behind, "after kill " + kills + " the reopened H2 file lacks acknowledged writes");
    }

    /** After the last start and its population, every acknowledged version is in the database. */
    private void assertEveryAcknowledgedWriteIsBack() throws IOException {
        Map<String, Integer> stored = new HashMap<>();
        try (ArtifactCache restarted = ArtifactCache.open(settings(), clock())) {
            restarted.store().liveRows(1000).forEachRemaining(row -> {
                Matcher version = VERSION.matcher(String.valueOf(row.metadata().description()));
                stored.put(row.collection() + "/" + row.id(), version.find() ? Integer.parseInt(version.group(1)) : 0);
            });
        }
        acknowledged.forEach((key, version) -> assertTrue(stored.getOrDefault(key, -1) >= version,
                () -> key + " holds v" + stored.get(key) + " after the restart, acknowledged v" + version));
    }

    /** The killed and restarted cache holds the same rows and documents as one built once over the same files. */
    private void assertConvergedToTheFiles() throws IOException {
        Map<String, Object> expected = new HashMap<>();
        try (ArtifactCache reference = ArtifactCache.open(settings(home, tmp.resolve("reference")), clock())) {
            reference.population().run();
            reference.store().liveRows(1000).forEachRemaining(row -> expected.put(row.key(), row.metadata()));
        }
        try (ArtifactCache recovered = ArtifactCache.open(settings(), clock())) {
            Map<String, Object> rows = new HashMap<>();
            for (Iterator<ArtifactRow> live = recovered.store().liveRows(1000); live.hasNext(); ) {
                ArtifactRow row = live.next();
                rows.put(row.key(), row.metadata());
                assertEquals(row.metadata(), recovered.index().get(row.collection(), row.id()).orElseThrow().metadata());
            }
            assertEquals(expected, rows);
            assertEquals(ARTIFACTS, recovered.index().documentCount());
            assertEquals(recovered.store().maxSeq(), recovered.index().appliedSeq());
        }
        written.forEach((key, version) -> assertTrue(String.valueOf(expected.get(key)).contains("v" + version + " "), key));
    }

    /** Writes the next version into the file's description and returns it. */
    private int edit(EditableFile file) {
        String key = key(file);
        int version;
        synchronized (written) {
            version = written.merge(key, 1, Integer::sum);
        }
        Path path = home.resolve("collections").resolve(file.collection()).resolve(file.file());
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8)
                    .replaceFirst("\ndescription: (v\\d+ )?", "\ndescription: v" + version + " ");
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return version;
    }

    private void acknowledge(String key, int version) {
        acknowledged.merge(key, version, Math::max);
    }

    /** True when the service answered 200; false when it was killed first (no answer). */
    private boolean post(URI uri, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                refused.add(uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static URI api(int port) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1/");
    }

    private static String key(EditableFile file) {
        return ArtifactRow.key(file.collection(), file.artifactId());
    }

    private Settings settings() {
        return settings(home, data);
    }

    private static Settings settings(Path home, Path data) {
        return Settings.from(Config.just(ConfigSources.create(Map.of())),
                Map.of("SKILLMEAT_HOME", home.toString(), "ARTIFACT_CACHE_DATA", data.toString()));
    }

    private static MutableClock clock() {
        return new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    }
}
