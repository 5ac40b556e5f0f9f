package dev.artifactcache.http;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.artifactcache.http.Answers.assertError;
import static dev.artifactcache.http.Answers.assertOk;
import static dev.artifactcache.http.Answers.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** sync-artifact and refresh-metadata over real HTTP, on real files, H2 and Lucene. */
class SyncRoutesTest {

    private static final String SYNC = "/api/v1/user-collections/sync-artifact";
    private static final String REFRESH = "/api/v1/user-collections/refresh-metadata";

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;

    @BeforeEach
    void start() {
        home = TestHome.fourArtifacts(tmp.resolve("home")) // pdf-tools also with tools and a tag
                .skill("default", "pdf-tools", """
                        description: Extract text from PDFs
                        allowed-tools: Read Bash(pdftotext:*)
                        tags: [pdf]
                        """, "");
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START),
                Map.of("security.rate-limit.per-minute", "0"));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private HttpResponse<String> sync(String body) {
        return service.post(SYNC, body);
    }

    @Test
    void editedFileIsUpdatedAndVisibleToTheNextRead() {
        home.skill("default", "pdf-tools", """
                description: Extract text and tables from PDFs
                allowed-tools: Read Bash(pdftotext:*)
                tags: [pdf]
                """, "");
        service.clock().advance(Duration.ofMinutes(5));

        assertOk("""
                {"artifact_id":"skill:pdf-tools","collection":"default","outcome":"updated","error":null,
                 "artifact":{"id":"skill:pdf-tools","collection":"default","name":"pdf-tools","title":null,"type":"skill",
                  "description":"Extract text and tables from PDFs","author":null,"license":null,"version":null,
                  "tags":["docs","pdf"],"tools":["Read","Bash"],"origin":"github","origin_source":null,
                  "source":"https://github.com/acme/agent-skills/tree/3f2a/skills/pdf-tools","version_spec":"v1.2.0",
                  "resolved_sha":"3f2a9c0e1b7d4a6f8e2c5b9d1a3f7e6c0b4d8a2e","resolved_version":null,
                  "added":"2026-01-15T10:30:00.123456Z","synced_at":"2026-11-20T10:05:00Z",
                  "updated_at":"2026-11-20T10:05:00Z","stale":false,"sync_error":null,"sync_warnings":[]}}
                """, sync("{\"artifact_id\":\"skill:pdf-tools\",\"collection\":\"default\"}"));

        assertEquals("Extract text and tables from PDFs",
                service.getJson("/api/v1/user-collections/default/artifacts/skill:pdf-tools").getString("description"));
        JsonObject found = service.getJson("/api/v1/user-collections/default/artifacts?q=tables");
        assertEquals("skill:pdf-tools", found.getJsonArray("items").getJsonObject(0).getString("id"));
    }

    @Test
    void unchangedFileMovesOnlySyncedAt() {
        service.clock().advance(Duration.ofMinutes(45));

        JsonObject result = ok(sync("{\"artifact_id\":\"skill:kubernetes-architect\"}"));

        assertEquals("unchanged", result.getString("outcome"));
        JsonObject artifact = result.getJsonObject("artifact");
        assertEquals("2026-11-20T10:45:00Z", artifact.getString("synced_at"));
        assertEquals("2026-11-20T10:00:00Z", artifact.getString("updated_at"));
        assertEquals(false, artifact.getBoolean("stale"));
    }

    @Test
    void newArtifactIsCreated() {
        home.skill("default", "terraform", "description: Plan and apply\n", "");

        JsonObject result = ok(sync("{\"artifact_id\":\"skill:terraform\",\"collection\":\"default\"}"));

        assertEquals("created", result.getString("outcome"));
        assertEquals("Plan and apply", result.getJsonObject("artifact").getString("description"));
        assertEquals(4, service.getJson("/api/v1/user-collections/default/artifacts")
                .getJsonObject("page_info").getInt("total_count"));
    }

    @Test
    void artifactGoneFromTheManifestIsDeleted() {
        home.remove("default", "mcp:github");

        assertOk("""
                {"artifact_id":"mcp:github","collection":"default","outcome":"deleted","artifact":null,"error":null}
                """, sync("{\"artifact_id\":\"mcp:github\"}"));

        assertEquals(404, service.get("/api/v1/user-collections/default/artifacts/mcp:github").statusCode());
    }

    @Test
    void missingFileFailsWithTheReasonAndKeepsTheLastGoodValues() throws IOException {
        Files.delete(home.collection("default").resolve("skills/kubernetes-architect/SKILL.md"));

        JsonObject result = ok(sync("{\"artifact_id\":\"skill:kubernetes-architect\"}"));

        String reason = "skills/kubernetes-architect: the folder has no SKILL.md or skill.md";
        assertEquals("failed", result.getString("outcome"));
        assertEquals(reason, result.getString("error"));
        assertEquals("Design clusters", result.getJsonObject("artifact").getString("description"));
        assertEquals(reason, result.getJsonObject("artifact").getString("sync_error"));
    }

    @Test
    void idNotInTheManifestFails() {
        assertOk("""
                {"artifact_id":"agent:nobody","collection":"default","outcome":"failed","artifact":null,
                 "error":"agent:nobody is not in collection.toml of collection \\"default\\""}
                """, sync("{\"artifact_id\":\"agent:nobody\"}"));
    }

    @Test
    void collectionDefaultsToTheActiveOneOfConfigToml() {
        home.write("config.toml", "[settings]\ndefault-collection = \"work\"\n");

        JsonObject result = ok(sync("{\"artifact_id\":\"skill:code-reviewer\"}"));

        assertEquals("work", result.getString("collection"));
        assertEquals("unchanged", result.getString("outcome"));
    }

    @Test
    void unknownCollectionIs404() {
        assertError(404, "collection_not_found", "No collection \"nope\"; there are these: default, work.", "collection",
                sync("{\"artifact_id\":\"skill:pdf-tools\",\"collection\":\"nope\"}"));
    }

    @Test
    void refreshOfEverythingReportsTheBrokenArtifactAndSyncsTheOthers() throws IOException {
        Files.delete(home.collection("default").resolve("skills/kubernetes-architect/SKILL.md"));
        home.skill("work", "linter", "description: Lint it\n", "");

        assertOk("""
                {"scanned":5,"created":1,"updated":0,"unchanged":3,"deleted":0,"failed":1,
                 "errors":[{"artifact_id":"skill:kubernetes-architect","collection":"default",
                            "detail":"skills/kubernetes-architect: the folder has no SKILL.md or skill.md"}]}
                """, service.post(REFRESH, "{}"));

        assertEquals("Lint it", service.getJson("/api/v1/user-collections/work/artifacts/skill:linter").getString("description"));
    }

    @Test
    void filtersPickTheArtifactsFromTheIndex() {
        assertEquals(1, ok(service.post(REFRESH, "{\"artifact_type\":[\"mcp\"]}")).getInt("unchanged"));
        assertEquals(1, ok(service.post(REFRESH, "{\"tags\":[\"pdf\"],\"collection\":\"default\"}")).getInt("scanned"));
        assertEquals(3, ok(service.post(REFRESH, "{\"collection\":\"default\"}")).getInt("unchanged"));
        assertEquals(2, ok(service.post(REFRESH, "{\"artifact_type\":[\"skill\"],\"ids\":[\"skill:pdf-tools\",\"skill:code-reviewer\"]}"))
                .getInt("unchanged"));
        assertOk("""
                {"scanned":1,"created":0,"updated":0,"unchanged":1,"deleted":0,"failed":0,"errors":[]}
                """, service.post(REFRESH, "{\"ids\":[\"skill:code-reviewer\"]}"));
        assertOk("""
                {"scanned":1,"created":0,"updated":0,"unchanged":0,"deleted":0,"failed":1,
                 "errors":[{"artifact_id":"skill:code-reviewer","collection":"default",
                            "detail":"skill:code-reviewer is not in collection.toml of collection \\"default\\""}]}
                """, service.post(REFRESH, "{\"ids\":[\"skill:code-reviewer\"],\"collection\":\"default\"}"));
    }

    @Test
    void staleOnlyTakesTheDocumentsPastTheTtl() {
        service.clock().advance(Duration.ofMinutes(31));
        ok(sync("{\"artifact_id\":\"skill:pdf-tools\"}"));

        assertOk("""
                {"scanned":3,"created":0,"updated":0,"unchanged":3,"deleted":0,"failed":0,"errors":[]}
                """, service.post(REFRESH, "{\"stale_only\":true}"));

        assertEquals(0, service.getJson("/api/v1/user-collections/cache-stats").getInt("stale_count"));
    }

    @Test
    void badFieldsAre400NamingTheField() {
        assertError(400, "invalid_parameter", "unknown artifact type \"plugin\"; expected one of skill, command, agent, hook, "
                + "mcp, workflow, composite", "artifact_type", service.post(REFRESH, "{\"artifact_type\":[\"plugin\"]}"));
        assertError(400, "invalid_parameter", "artifact id \"nonsense\" has no type; expected \"<type>:<name>\", "
                + "e.g. \"skill:pdf-tools\"", "ids", service.post(REFRESH, "{\"ids\":[\"nonsense\"]}"));
        assertError(400, "invalid_parameter", "stale_only must be true or false", "stale_only",
                service.post(REFRESH, "{\"stale_only\":\"yes\"}"));
        assertError(404, "collection_not_found", "No collection \"nope\"; there are these: default, work.", "collection",
                service.post(REFRESH, "{\"collection\":\"nope\"}"));
        assertError(400, "invalid_parameter", "artifact name is empty", "artifact_id",
                sync("{\"artifact_id\":\"skill:\"}"));
        assertError(400, "invalid_parameter", "artifact_id is required, e.g. {\"artifact_id\":\"skill:pdf-tools\"}",
                "artifact_id", sync("{\"collection\":\"default\"}"));
        assertError(400, "invalid_parameter", "artifact_id must be a string, got number", "artifact_id",
                sync("{\"artifact_id\":7}"));
    }
}
