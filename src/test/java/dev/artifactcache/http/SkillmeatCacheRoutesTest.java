package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonNumber;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SkillMeat's refresh-cache and cache-stats routes: SkillMeat's paths, fields and semantics. */
class SkillmeatCacheRoutesTest {

    private static final String BROKEN = "skills/kubernetes-architect: the folder has no SKILL.md or skill.md";

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;

    @BeforeEach
    void start() {
        home = TestHome.fourArtifacts(tmp.resolve("home"));
        service = RunningService.start(home, tmp.resolve("data"), Map.of("security.rate-limit.per-minute", "0"));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }


    @Test
    void refreshOfOneCollectionCountsAsSkillmeatDoes() throws IOException {
        home.skill("default", "pdf-tools", "description: Extract text and tables from PDFs\n", "");
        Files.delete(home.collection("default").resolve("skills/kubernetes-architect/SKILL.md"));

        assertOk("""
                {"collection_id":"default","updated_count":1,"skipped_count":2,
                 "errors":["skill:kubernetes-architect: %s"]}
                """.formatted(BROKEN), service.cliPost("/api/v1/user-collections/default/refresh-cache"));
    }

    @Test
    void refreshOfAnUnknownCollectionIs404() {
        HttpResponse<String> response = service.cliPost("/api/v1/user-collections/nope/refresh-cache");
        assertEquals(404, response.statusCode());
        assertEquals(RunningService.json("""
                {"error":"collection_not_found","detail":{"error":"collection_not_found","collection_id":"nope",
                 "message":"Collection 'nope' not found in the SkillMeat home"}}"""), RunningService.json(response.body()));
    }

    @Test
    void refreshOfAllCollectionsHasSkillmeatsShape() throws IOException {
        home.skill("work", "linter", "description: Lint it\n", "");
        Files.delete(home.collection("default").resolve("skills/kubernetes-architect/SKILL.md"));

        HttpResponse<String> response = service.cliPost("/api/v1/user-collections/refresh-cache");

        assertOk("""
                {"success":true,"collections_refreshed":2,"total_updated":1,"total_skipped":4,
                 "errors":[{"collection_id":"default","errors":["skill:kubernetes-architect: %s"]}]}
                """.formatted(BROKEN), response);
        assertInstanceOf(JsonNumber.class, ok(response).get("duration_seconds"));
    }

    @Test
    void collectionWithABrokenManifestIsAnErrorNotARefresh() {
        home.write("collections/work/collection.toml", "[collection]\nname = \"work\"\n[[artifacts]\nname = 1\n");

        JsonObject result = ok(service.cliPost("/api/v1/user-collections/refresh-cache"));

        assertEquals(1, result.getInt("collections_refreshed"));
        assertEquals(3, result.getInt("total_skipped"));
        JsonObject work = result.getJsonArray("errors").getJsonObject(0);
        assertEquals("work", work.getString("collection_id"));
        assertTrue(work.getJsonArray("errors").getString(0).contains("collection.toml: invalid TOML at line 3"),
                work.toString());
        assertEquals("Review diffs", service.getJson("/api/v1/user-collections/work/artifacts/skill:code-reviewer")
                .getString("description"));
    }

    @Test
    void cacheStatsCountsFreshAndStaleByTheTtl() {
        service.clock().advance(Duration.ofMinutes(10));
        ok(service.post("/api/v1/user-collections/sync-artifact", "{\"artifact_id\":\"skill:pdf-tools\"}"));
        service.clock().advance(Duration.ofMinutes(25));

        assertOk("""
                {"total_artifacts":4,"fresh_count":1,"stale_count":3,"percentage_stale":75.0,
                 "oldest_sync_age_seconds":2100.0,"ttl_seconds":1800,"error_count":0,"warning_count":0}
                """, service.get("/api/v1/user-collections/cache-stats"));
        assertOk("""
                {"total_artifacts":3,"fresh_count":1,"stale_count":2,"percentage_stale":66.7,
                 "oldest_sync_age_seconds":2100.0,"ttl_seconds":1800,"error_count":0,"warning_count":0,"collection_id":"default"}
                """, service.get("/api/v1/user-collections/cache-stats?collection_id=default"));
        assertOk("""
                {"total_artifacts":4,"fresh_count":0,"stale_count":4,"percentage_stale":100.0,
                 "oldest_sync_age_seconds":2100.0,"ttl_seconds":600,"error_count":0,"warning_count":0}
                """, service.get("/api/v1/user-collections/cache-stats?ttl_seconds=600"));
        assertOk("""
                {"total_artifacts":0,"fresh_count":0,"stale_count":0,"percentage_stale":0.0,
                 "oldest_sync_age_seconds":0.0,"ttl_seconds":3600,"error_count":0,"warning_count":0,"collection_id":"nope"}
                """, service.get("/api/v1/user-collections/cache-stats?ttl_seconds=3600&collection_id=nope"));
    }

    @Test
    void cacheStatsTtlOutsideSkillmeatsBoundsIs400() {
        assertError(400, "invalid_parameter", "ttl_seconds must be from 60 to 86400, got 59", "ttl_seconds",
                service.get("/api/v1/user-collections/cache-stats?ttl_seconds=59"));
        assertError(400, "invalid_parameter", "ttl_seconds must be a whole number of seconds, got \"soon\"", "ttl_seconds",
                service.get("/api/v1/user-collections/cache-stats?ttl_seconds=soon"));
    }
}
