package dev.artifactcache.store;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 12 §1: a broken H2 file never keeps the service down. It is moved aside (kept, named with the
 * time), a fresh database is filled from the files, and the service serves the same listing; health
 * and a meter say so. Other files of the data folder are left alone.
 */
class DatabaseRecoveryTest {

    private static final String LISTING = "/api/v1/artifacts?limit=100";

    @TempDir
    Path tmp;
    private Path home;
    private Path data;
    private Path h2File;
    private JsonValue listingBefore;

    @BeforeEach
    void populate() throws IOException {
        home = TestHome.fourArtifacts(tmp.resolve("home")).root();
        data = tmp.resolve("data");
        h2File = data.resolve("artifact-cache.mv.db");
        try (RunningService service = RunningService.start(home, data)) {
            listingBefore = service.getJson(LISTING).get("items");
        }
    }

    @Test
    void aFileOfGarbageIsMovedAsideAndTheCacheRebuiltFromTheFiles() throws IOException {
        byte[] garbage = new byte[(int) Files.size(h2File)];
        new Random(12).nextBytes(garbage);
        Files.write(h2File, garbage);
        Path durableCopy = Files.writeString(data.resolve("memberships.json"), "{\"kept\":true}");
        Path brokenCopy = data.resolve("artifact-cache.mv.db.broken-20261120T100000Z");

        try (RunningService service = RunningService.start(home, data)) {
            assertEquals(listingBefore, service.getJson(LISTING).get("items"));
            JsonObject database = check(service, "database");
            assertEquals("UP", database.getString("status"));
            assertEquals("2026-11-20T10:00:00Z", database.getJsonObject("data").getString("recoveredAt"));
            assertEquals(List.of(brokenCopy.toString()), database.getJsonObject("data").getJsonArray("movedAside")
                    .getValuesAs(jakarta.json.JsonString::getString));
            assertEquals("Store header is corrupt: " + h2File + " [2.5.252/6]",
                    database.getJsonObject("data").getString("recoveryReason"));
            assertEquals("1.0", sample(service.get("/observe/metrics").body(), "artifact_cache_recoveries_total"));
        }
        assertArrayEquals(garbage, Files.readAllBytes(brokenCopy));
        assertEquals("{\"kept\":true}", Files.readString(durableCopy));
    }

    @Test
    void aFileTornInTheMiddleIsRecoveredToo() throws IOException {
        byte[] content = Files.readAllBytes(h2File);
        byte[] torn = content.clone();
        new Random(7).ints(content.length / 4, content.length / 3, content.length)
                .forEach(at -> torn[at] = (byte) (torn[at] ^ 0x5a));
        Files.write(h2File, torn);

        try (RunningService service = RunningService.start(home, data)) {
            assertEquals(listingBefore, service.getJson(LISTING).get("items"));
            assertEquals("UP", check(service, "database").getString("status"));
        }
    }

    @Test
    void aSoundDatabaseIsNeitherMovedNorReported() throws IOException {
        try (RunningService service = RunningService.start(home, data)) {
            JsonObject database = check(service, "database");
            assertFalse(database.getJsonObject("data").containsKey("recoveredAt"), database::toString);
            assertEquals("0.0", sample(service.get("/observe/metrics").body(), "artifact_cache_recoveries_total"));
        }
        try (var files = Files.list(data)) {
            assertEquals(List.of("artifact-cache.mv.db", "lucene"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }

    private static JsonObject check(RunningService service, String name) {
        String body = service.get("/observe/health").body();
        return RunningService.json(body).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + body));
    }

    private static String sample(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in\n" + metrics));
    }
}
