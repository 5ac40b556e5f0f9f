package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import dev.artifactcache.sync.Outcome;
import dev.artifactcache.sync.Selection;
import dev.artifactcache.sync.SyncReport;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bad input through the whole service (files, H2, index, HTTP): warnings apart from errors
 * (issue #16), a failed read keeping the last good values, entries without an identity reported,
 * a manifest without {@code [collection]} and a sync deleting most of a collection keeping the cache (issue #12).
 */
class BadInputServiceTest {

    private static final String LISTING = "/api/v1/user-collections/default/artifacts";

    @TempDir
    Path tmp;
    private RunningService service;

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private JsonObject item(String id) {
        return service.getJson(LISTING + "?limit=100").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getString("id").equals(id)).findFirst().orElseThrow();
    }

    /** The value of the gauge {@code name} whose labels include {@code label}, -1 when it is not served. */
    private static double gauge(String metrics, String name, String label) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1.0);
    }

    @Test
    void warningsAndErrorsAreApartInTheListingTheStatsAndTheMeters() throws IOException {
        TestHome home = new TestHome(tmp.resolve("home"))
                .skill("default", "good", "description: Good\n", "")
                .skill("default", "lenient", "description: Use when: the YAML is not valid\n", "")
                .skill("default", "broken", "description: Was fine\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"));
        Files.write(home.collection("default").resolve("skills/broken/SKILL.md"),
                "---\ndescription: caf\u00e9\n---\n".getBytes(StandardCharsets.ISO_8859_1));

        JsonObject synced = Answers.ok(service.post("/api/v1/user-collections/sync-artifact", "{\"artifact_id\":\"skill:broken\"}"));

        assertEquals("failed", synced.getString("outcome"));
        assertEquals("skills/broken/SKILL.md: not UTF-8 text at byte 20", synced.getString("error"));
        JsonObject broken = item("skill:broken");
        assertEquals("skills/broken/SKILL.md: not UTF-8 text at byte 20", broken.getString("sync_error"));
        assertEquals("Was fine", broken.getString("description"), "the last good values are kept");
        assertEquals(List.of(), broken.getJsonArray("sync_warnings"));
        JsonObject lenient = item("skill:lenient");
        assertEquals(true, Answers.isNull(lenient, "sync_error"));
        assertEquals(List.of("skills/lenient/SKILL.md: frontmatter is not valid YAML (line 2, column 22); read line by line"),
                lenient.getJsonArray("sync_warnings").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals(List.of(), item("skill:good").getJsonArray("sync_warnings"));

        JsonObject stats = service.getJson("/api/v1/user-collections/cache-stats");
        assertEquals(1, stats.getInt("error_count"));
        assertEquals(1, stats.getInt("warning_count"));
        String metrics = service.get("/observe/metrics").body();
        assertEquals(1.0, gauge(metrics, "artifact_cache_failing_artifacts", "severity=\"error\""));
        assertEquals(1.0, gauge(metrics, "artifact_cache_failing_artifacts", "severity=\"warning\""));
    }

    @Test
    void entriesWithoutAUsableIdentityAreInTheRefreshErrors() {
        TestHome home = new TestHome(tmp.resolve("home")).skill("default", "good", "description: Good\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"));
        Path manifest = home.collection("default").resolve("collection.toml");
        home.write("collections/default/collection.toml", read(manifest) + "[[artifacts]]\nname = 5\ntype = \"skill\"\n"
                + "[[artifacts]]\nname = \"   \"\ntype = \"skill\"\n");
        int line = (int) read(manifest).lines().takeWhile(text -> !text.equals("name = 5")).count();

        JsonObject result = Answers.ok(service.post("/api/v1/user-collections/refresh-metadata", "{}"));

        assertEquals(2, result.getInt("failed"));
        assertEquals(RunningService.json("""
                {"errors":[
                  {"artifact_id":"artifacts[1]","collection":"default","detail":"collection.toml line %d: artifact name must be a string, not an integer"},
                  {"artifact_id":"skill:   ","collection":"default","detail":"collection.toml line %d: artifact name is blank (only spaces)"}]}
                """.formatted(line, line + 3)).getJsonArray("errors"), result.getJsonArray("errors"));
    }

    @Test
    void aManifestWithoutACollectionTableKeepsTheCache() {
        TestHome home = TestHome.fourArtifacts(tmp.resolve("home"));
        service = RunningService.start(home.root(), tmp.resolve("data"));
        home.write("collections/default/collection.toml", "");

        SyncReport report = service.cache().synchronizer().sync("default", Selection.ALL);

        assertEquals(home.collection("default").toAbsolutePath().resolve("collection.toml") + ": has no [collection] table, so it is"
                + " not a SkillMeat manifest (empty or half-written?); the cache is kept as it was", report.manifestError());
        assertEquals(0, report.count(Outcome.DELETED));
        assertEquals(3, service.getJson(LISTING).getJsonObject("page_info").getInt("total_count"));
    }

    @Test
    void aSyncDeletingMostOfALargeCollectionIsHeldUntilTheNextChangeOfTheManifest() throws IOException {
        TestHome home = new TestHome(tmp.resolve("home")).skills("default", 24);
        service = RunningService.start(home.root(), tmp.resolve("data"));
        for (int i = 4; i < 24; i++) {
            home.remove("default", String.format("skill:skill-%05d", i));
        }
        Path manifest = home.collection("default").resolve("collection.toml");
        Files.setLastModifiedTime(manifest, FileTime.fromMillis(System.currentTimeMillis() - 10_000));

        SyncReport held = service.cache().synchronizer().sync("default", Selection.ALL);

        assertEquals("collection.toml now lists 4 of the 24 cached artifacts: this sync would delete 20 (more than half) at once,"
                + " so nothing was deleted; if that is meant, save collection.toml again and its next version is applied as it is",
                held.manifestError());
        assertEquals(0, held.count(Outcome.DELETED));
        assertEquals(0, service.cache().synchronizer().sync("default", Selection.ALL).count(Outcome.DELETED), "the same file again");
        assertEquals(24, service.getJson(LISTING).getJsonObject("page_info").getInt("total_count"));

        Files.setLastModifiedTime(manifest, FileTime.fromMillis(System.currentTimeMillis()));
        SyncReport applied = service.cache().synchronizer().sync("default", Selection.ALL);

        assertEquals(null, applied.manifestError());
        assertEquals(20, applied.count(Outcome.DELETED));
        assertEquals(4, service.getJson(LISTING).getJsonObject("page_info").getInt("total_count"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
