package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read routes over real HTTP, on a real index populated from real files. */
class CollectionRoutesTest {

    private static final int SKILLS = 45;

    @TempDir
    static Path tmp;
    private static RunningService service;

    @BeforeAll
    static void start() {
        TestHome home = new TestHome(tmp.resolve("home"));
        for (int i = 0; i < SKILLS; i++) {
            home.skill("default", String.format("skill-%02d", i), "description: Skill number " + i + "\n", "");
        }
        home.mcp("default", "github", "GitHub issues and pull requests");
        home.skill("work", "pdf-tools", """
                description: Extract text from PDFs
                author: Acme
                license: MIT
                version: 1.2.0
                allowed-tools: Read Bash(pdftotext:*)
                tags: [pdf]
                """, "");
        service = RunningService.start(home.root(), tmp.resolve("data"));
    }

    @AfterAll
    static void stop() throws IOException {
        service.close();
    }

    @Test
    void collectionsListTheirCounts() {
        JsonObject body = service.getJson("/api/v1/user-collections");
        assertEquals(RunningService.json("""
                [{"id":"default","name":"default","description":null,"collection_type":"file",
                  "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","group_count":0,
                  "artifact_count":46,"stale_count":0,"missing_count":0,"sync_error":null},
                 {"id":"work","name":"work","description":null,"collection_type":"file",
                  "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","group_count":0,
                  "artifact_count":1,"stale_count":0,"missing_count":0,"sync_error":null}]
                """.replace("[", "{\"a\":[").replace("]\n", "]}")).get("a"), body.get("items"));
        assertEquals(2, body.getJsonObject("page_info").getInt("total_count"));
    }

    @Test
    void anItemHasEveryFieldOfTheContract() {
        JsonObject item = service.getJson("/api/v1/user-collections/work/artifacts").getJsonArray("items").getJsonObject(0);
        JsonObject expected = RunningService.json("""
                {"id":"skill:pdf-tools","collection":"work","name":"pdf-tools","title":null,"type":"skill",
                 "description":"Extract text from PDFs","author":"Acme","license":"MIT","version":"1.2.0",
                 "tags":["docs","pdf"],"tools":["Read","Bash"],"origin":"github","origin_source":null,
                 "source":"https://github.com/acme/agent-skills/tree/3f2a/skills/pdf-tools","version_spec":"v1.2.0",
                 "resolved_sha":"3f2a9c0e1b7d4a6f8e2c5b9d1a3f7e6c0b4d8a2e","resolved_version":null,
                 "added":"2026-01-15T10:30:00.123456Z","synced_at":"2026-11-20T10:00:00Z",
                 "updated_at":"2026-11-20T10:00:00Z","stale":false,"sync_error":null,"sync_warnings":[],
                 "collections":[{"id":"work","name":"work","artifact_count":1}]}
                """);
        assertEquals(expected, item);
    }

    @Test
    void cursorWalkSeesEveryArtifactExactlyOnce() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonObject page = service.getJson("/api/v1/user-collections/default/artifacts?limit=7"
                    + (after == null ? "" : "&after=" + after));
            page.getJsonArray("items").forEach(item -> seen.add(item.asJsonObject().getString("id")));
            JsonObject info = page.getJsonObject("page_info");
            assertEquals(46, info.getInt("total_count"));
            assertEquals(pages > 0, info.getBoolean("has_previous_page"));
            after = info.getBoolean("has_next_page") ? info.getString("end_cursor") : null;
            pages++;
        } while (after != null);
        assertEquals(7, pages);
        assertEquals(46, seen.size());
        Set<String> unique = new HashSet<>(seen);
        assertEquals(46, unique.size());
        assertEquals("mcp:github", seen.getFirst());
        assertEquals("skill:skill-44", seen.getLast());
    }

    @Test
    void typeFilterNarrowsTheListing() {
        JsonObject page = service.getJson("/api/v1/user-collections/default/artifacts?artifact_type=mcp,agent");
        assertEquals(1, page.getJsonObject("page_info").getInt("total_count"));
        assertEquals("mcp:github", page.getJsonArray("items").getJsonObject(0).getString("id"));
    }

    @Test
    void oneArtifactByItsId() {
        JsonObject item = service.getJson("/api/v1/user-collections/default/artifacts/mcp:github");
        assertEquals("GitHub issues and pull requests", item.getString("description"));
        assertEquals(List.of("mcp__github__query"), item.getJsonArray("tools").getValuesAs(JsonValue::toString)
                .stream().map(s -> s.replace("\"", "")).toList());
    }

    @Test
    void unknownCollectionIs404WithTheEnvelope() {
        HttpResponse<String> response = service.get("/api/v1/user-collections/nope/artifacts");
        assertEquals(404, response.statusCode());
        assertEquals(RunningService.json("""
                {"error":"collection_not_found","detail":"No collection \\"nope\\"; the cache knows these: default, work."}
                """), RunningService.json(response.body()));
    }

    @Test
    void unknownArtifactIs404AndABadIdIs400() {
        HttpResponse<String> missing = service.get("/api/v1/user-collections/default/artifacts/agent:nobody");
        assertEquals(404, missing.statusCode());
        assertEquals("artifact_not_found", RunningService.json(missing.body()).getString("error"));

        HttpResponse<String> bad = service.get("/api/v1/user-collections/default/artifacts/nonsense");
        assertEquals(400, bad.statusCode());
        assertEquals(RunningService.json("""
                {"error":"invalid_parameter","detail":"artifact id \\"nonsense\\" has no type; expected \\"<type>:<name>\\", e.g. \\"skill:pdf-tools\\"","field":"artifact_id"}
                """), RunningService.json(bad.body()));
    }

    @Test
    void limitOutOfRangeOrNotANumberIs422AsInSkillmeat() {
        assertUnprocessable("/api/v1/user-collections/default/artifacts?limit=0", "limit", "limit must be at least 1, got 0");
        assertUnprocessable("/api/v1/user-collections/default/artifacts?limit=101", "limit", "limit must be at most 100, got 101");
        assertUnprocessable("/api/v1/user-collections/default/artifacts?limit=ten", "limit",
                "limit must be a whole number from 1 to 100, got \"ten\"");
    }

    @Test
    void unknownTypeIsAnEmptyPageAndTamperedCursorIs400() {
        HttpResponse<String> type = service.get("/api/v1/user-collections/default/artifacts?artifact_type=plugin");
        assertEquals(200, type.statusCode());
        assertEquals(0, RunningService.json(type.body()).getJsonArray("items").size());

        HttpResponse<String> cursor = service.get("/api/v1/user-collections/default/artifacts?after=bm90LWEtY3Vyc29y");
        assertEquals(400, cursor.statusCode());
        assertEquals("after", RunningService.json(cursor.body()).getString("field"));
        assertFalse(cursor.body().contains("Exception"));
    }

    private static void assertUnprocessable(String path, String field, String message) {
        HttpResponse<String> response = service.get(path);
        assertEquals(422, response.statusCode(), response.body());
        JsonObject body = RunningService.json(response.body());
        assertEquals(field, body.getString("field"));
        assertEquals(message, body.getString("message"));
        assertEquals(message, body.getJsonArray("detail").getJsonObject(0).getString("msg"));
    }
}
