package dev.artifactcache.http;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The routes SkillMeat's /collection page calls, each answer validated against SkillMeat's own
 * schema (SkillmeatSchemas) and asserted value by value.
 */
class SkillmeatClientRoutesTest {

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;

    @BeforeEach
    void start() throws IOException {
        home = TestHome.fourArtifacts(tmp.resolve("home"))
                .skill("work", "pdf-tools", "description: Extract text from PDFs\n", "")
                .mcp("default", "all-in-one", "Everything at once");
        Files.writeString(home.collection("default").resolve("collection.toml"), """

                [[groups]]
                name = "Documents"
                description = "Reading files"
                color = "blue"
                icon = "file"
                position = 1
                members = ["skill:pdf-tools", "mcp:github"]

                [[groups]]
                name = "Infra"
                position = 0
                members = ["skill:kubernetes-architect"]

                [[tag_definitions]]
                name = "docs"
                slug = "docs"
                color = "#00ff00"
                description = "Documentation"

                [[tag_definitions]]
                name = "Unused Tag"
                slug = "unused-tag"
                """, StandardOpenOption.APPEND);
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private String valid(String schema, String pathAndQuery) {
        HttpResponse<String> response = service.get(pathAndQuery);
        assertEquals(200, response.statusCode(), response.body());
        SkillmeatSchemas.assertValid(schema, response.body());
        return response.body();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void collectionsPageByOneWithCursors() {
        JsonObject first = RunningService.json(valid("UserCollectionListResponse", "/api/v1/user-collections?limit=1"));
        assertEquals(RunningService.json("""
                {"items":[{"id":"default","name":"default","description":null,"collection_type":"file",
                  "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","group_count":2,
                  "artifact_count":4,"stale_count":0,"missing_count":0,"sync_error":null}],
                 "page_info":{"has_next_page":true,"has_previous_page":false,"start_cursor":"ZGVmYXVsdA==",
                  "end_cursor":"ZGVmYXVsdA==","total_count":2}}"""), Answers.untimed(first));
        String after = first.getJsonObject("page_info").getString("end_cursor");
        JsonObject second = RunningService.json(valid("UserCollectionListResponse", "/api/v1/user-collections?limit=1&after=" + q(after)));
        assertEquals(RunningService.json("""
                {"items":[{"id":"work","name":"work","description":null,"collection_type":"file",
                  "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","group_count":0,
                  "artifact_count":2,"stale_count":0,"missing_count":0,"sync_error":null}],
                 "page_info":{"has_next_page":false,"has_previous_page":true,"start_cursor":"d29yaw==",
                  "end_cursor":"d29yaw==","total_count":2}}"""), Answers.untimed(second));
    }

    @Test
    void collectionsFilterByNameAndType() {
        assertEquals(List.of("work"), ids(valid("UserCollectionListResponse", "/api/v1/user-collections?search=WOR")));
        assertEquals(List.of(), ids(valid("UserCollectionListResponse", "/api/v1/user-collections?collection_type=context")));
        assertEquals(List.of("default", "work"), ids(valid("UserCollectionListResponse", "/api/v1/user-collections?collection_type=file")));
    }

    @Test
    void badParametersAnswerAsSkillmeat() {
        assertUnprocessable("/api/v1/user-collections?limit=0", "limit", "limit must be at least 1, got 0", "greater_than_equal");
        assertUnprocessable("/api/v1/user-collections?limit=101", "limit", "limit must be at most 100, got 101", "less_than_equal");
        assertUnprocessable("/api/v1/user-collections/default/artifacts?limit=x", "limit",
                "limit must be a whole number from 1 to 100, got \"x\"", "int_parsing");
        assertUnprocessable("/api/v1/user-collections/default/artifacts?include_groups=maybe", "include_groups",
                "include_groups must be true or false, got \"maybe\"", "bool_parsing");
        assertUnprocessable("/api/v1/artifacts?limit=501", "limit", "limit must be at most 500, got 501", "less_than_equal");
        assertUnprocessable("/api/v1/groups", "collection_id", "collection_id is required", "missing");
        Answers.assertError(400, "invalid_parameter",
                "after is not a cursor of this listing; pass page_info.end_cursor of the previous page", "after",
                service.get("/api/v1/user-collections?after=zz"));
        Answers.assertError(400, "invalid_parameter",
                "Invalid cursor: no item \"nope\" in this listing any more; start again without after", "after",
                service.get("/api/v1/user-collections?after=" + q("bm9wZQ==")));
        // This service's own parameters keep their 400.
        assertEquals(400, service.get("/api/v1/user-collections/default/artifacts?sort=size").statusCode());
    }

    private void assertUnprocessable(String pathAndQuery, String field, String message, String type) {
        HttpResponse<String> response = service.get(pathAndQuery);
        assertEquals(422, response.statusCode(), response.body());
        SkillmeatSchemas.assertValid("HTTPValidationError", response.body());
        assertEquals(RunningService.json("""
                {"error":"invalid_parameter","detail":[{"loc":["query","%s"],"msg":"%s","type":"%s"}],
                 "field":"%s","message":"%s"}""".formatted(field, message.replace("\"", "\\\""), type, field,
                message.replace("\"", "\\\""))), RunningService.json(response.body()));
    }

    @Test
    void oneCollectionWithItsGroups() {
        assertEquals(RunningService.json("""
                {"id":"default","name":"default","description":null,"collection_type":"file",
                 "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","group_count":2,
                 "artifact_count":4,"stale_count":0,"missing_count":0,"sync_error":null,
                 "groups":[{"id":"%s","name":"Infra","description":null,"position":0,"artifact_count":1},
                           {"id":"%s","name":"Documents","description":"Reading files","position":1,"artifact_count":2}]}"""
                .formatted(SkillmeatIds.groupId("default", "Infra"), SkillmeatIds.groupId("default", "Documents"))),
                RunningService.json(valid("UserCollectionWithGroupsResponse", "/api/v1/user-collections/default")));
        Answers.assertError(404, "collection_not_found", "No collection \"nope\"; the cache knows these: default, work.",
                null, service.get("/api/v1/user-collections/nope"));
    }

    @Test
    void collectionArtifactsWithCollectionsAndGroups() {
        String documents = SkillmeatIds.groupId("default", "Documents");
        JsonObject page = RunningService.json(valid("skillmeat__api__schemas__user_collections__CollectionArtifactsResponse",
                "/api/v1/user-collections/default/artifacts?include_groups=true"));
        assertEquals(List.of("mcp:all-in-one", "mcp:github", "skill:kubernetes-architect", "skill:pdf-tools"), itemIds(page));
        JsonObject pdf = page.getJsonArray("items").getJsonObject(3);
        assertEquals(array("""
                [{"id":"default","name":"default","artifact_count":4},{"id":"work","name":"work","artifact_count":2}]"""),
                pdf.getJsonArray("collections"));
        assertEquals(array("""
                [{"id":"%s","name":"Documents","position":1}]""".formatted(documents)), pdf.getJsonArray("groups"));
        JsonObject github = page.getJsonArray("items").getJsonObject(1);
        assertEquals("mcp:github", github.getString("source")); // a local artifact's source is its id, as in SkillMeat

        JsonObject group = RunningService.json(valid("skillmeat__api__schemas__user_collections__CollectionArtifactsResponse",
                "/api/v1/user-collections/default/artifacts?limit=1&group_id=" + documents));
        assertEquals(List.of("mcp:github"), itemIds(group));
        assertEquals(2, group.getJsonObject("page_info").getInt("total_count"));
        String after = group.getJsonObject("page_info").getString("end_cursor");
        assertEquals(List.of("skill:pdf-tools"), itemIds(RunningService.json(valid(
                "skillmeat__api__schemas__user_collections__CollectionArtifactsResponse",
                "/api/v1/user-collections/default/artifacts?limit=1&group_id=" + documents + "&after=" + q(after)))));
        assertEquals(List.of(), itemIds(RunningService.json(valid(
                "skillmeat__api__schemas__user_collections__CollectionArtifactsResponse",
                "/api/v1/user-collections/default/artifacts?artifact_type=widget"))));
    }

    @Test
    void allArtifactsListEachArtifactOnce() {
        JsonObject page = RunningService.json(valid("ArtifactListResponse", "/api/v1/artifacts?limit=500"));
        assertEquals(List.of("mcp:all-in-one", "skill:code-reviewer", "mcp:github", "skill:kubernetes-architect", "skill:pdf-tools"),
                itemIds(page));
        assertEquals(5, page.getJsonObject("page_info").getInt("total_count"));
        JsonObject pdf = page.getJsonArray("items").getJsonObject(4);
        assertEquals(SkillmeatIds.artifactUuid("skill:pdf-tools"), pdf.getString("uuid"));
        assertEquals(32, pdf.getString("uuid").length());
        assertEquals("v1.2.0", pdf.getString("version"));
        assertEquals("default", pdf.getString("collection"));
        assertEquals(List.of("default", "work"), pdf.getJsonArray("collections").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("id")).toList());
        JsonObject github = page.getJsonArray("items").getJsonObject(2);
        assertEquals("unknown", github.getString("version"));
        assertEquals(List.of("skill:pdf-tools", "skill:code-reviewer"),
                itemIds(RunningService.json(valid("ArtifactListResponse", "/api/v1/artifacts?collection=work&sort=-name"))));
    }

    @Test
    void groupsTagsCompositesAndFlags() {
        String documents = SkillmeatIds.groupId("default", "Documents");
        assertEquals(RunningService.json("""
                {"groups":[{"id":"%s","collection_id":"default","name":"Documents","description":"Reading files","tags":[],
                  "color":"blue","icon":"file","position":1,"created_at":"2026-01-01T00:00:00Z",
                  "updated_at":"2026-01-01T00:00:00Z","artifact_count":2,"members":["skill:pdf-tools","mcp:github"]}],
                 "total":1}""".formatted(documents)),
                RunningService.json(valid("GroupListResponse", "/api/v1/groups?collection_id=default&search=doc&artifact_id=" + q("mcp:github"))));
        assertEquals(0, RunningService.json(valid("GroupListResponse", "/api/v1/groups?collection_id=work")).getInt("total"));

        JsonObject tags = RunningService.json(valid("TagListResponse", "/api/v1/tags?limit=1"));
        assertEquals(RunningService.json("""
                {"items":[{"id":"%s","name":"Unused Tag","slug":"unused-tag","color":null,"created_at":"2026-01-01T00:00:00Z",
                  "updated_at":"2026-01-01T00:00:00Z","artifact_count":0}],
                 "page_info":{"has_next_page":true,"has_previous_page":false,"start_cursor":"VW51c2VkIFRhZw==",
                  "end_cursor":"VW51c2VkIFRhZw==","total_count":2}}""".formatted(SkillmeatIds.tagId("unused-tag"))), tags);
        JsonObject next = RunningService.json(valid("TagListResponse", "/api/v1/tags?after=" + q("VW51c2VkIFRhZw==")));
        assertEquals("docs", next.getJsonArray("items").getJsonObject(0).getString("name"));
        assertEquals("#00ff00", next.getJsonArray("items").getJsonObject(0).getString("color"));
        assertEquals(3, next.getJsonArray("items").getJsonObject(0).getInt("artifact_count")); // pdf-tools counts once

        assertEquals(RunningService.json("{\"items\":[],\"total\":0}"),
                RunningService.json(valid("CompositeListResponse", "/api/v1/composites?collection_id=default")));
        assertEquals(RunningService.json("""
                {"composite_artifacts_enabled":true,"deployment_sets_enabled":false,"memory_context_enabled":false,
                 "workflow_engine_enabled":false,"modular_content_architecture":false}"""),
                RunningService.json(valid("FeatureFlagsResponse", "/api/v1/config/feature-flags")));
    }

    private static JsonArray array(String json) {
        return RunningService.json("{\"array\":" + json + "}").getJsonArray("array");
    }

    private static List<String> ids(String body) {
        return itemIds(RunningService.json(body));
    }

    private static List<String> itemIds(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(item -> item.getString("id")).toList();
    }
}
