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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.artifactcache.http.Answers.assertError;
import static dev.artifactcache.http.Answers.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User collections over real HTTP, H2 and Lucene: database only, listed from the index like a folder. */
class UserCollectionRoutesTest {

    private static final String BASE = "/api/v1/user-collections";

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;

    @BeforeEach
    void start() {
        home = TestHome.fourArtifacts(tmp.resolve("home"));
        service = start(tmp.resolve("data"));
    }

    private RunningService start(Path data) {
        return RunningService.start(home.root(), data, new MutableClock(RunningService.START),
                Map.of("security.rate-limit.per-minute", "0"));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private HttpResponse<String> send(String method, String path, String json) {
        return service.send(HttpRequest.newBuilder(service.uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private String create(String name) {
        HttpResponse<String> created = service.post(BASE, "{\"name\":\"" + name + "\",\"description\":\"Mine\"}");
        assertEquals(201, created.statusCode(), created.body());
        return RunningService.json(created.body()).getString("id");
    }

    private List<String> ids(JsonObject listing) {
        return listing.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getString("collection") + "/" + item.getString("id")).toList();
    }

    @Test
    void createAddListSearchFacetRemoveRenameDelete() {
        String id = create("Favourites");
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        JsonObject added = RunningService.json(service.post(BASE + "/" + id + "/artifacts",
                "{\"artifact_ids\":[\"skill:pdf-tools\",\"work/skill:code-reviewer\",\"mcp:github\"]}").body());
        assertEquals(RunningService.json("{\"collection_id\":\"" + id + "\",\"added_count\":3,\"already_present_count\":0,"
                + "\"total_artifacts\":3}"), added);
        assertEquals(RunningService.json("{\"collection_id\":\"" + id + "\",\"added_count\":0,\"already_present_count\":1,"
                + "\"total_artifacts\":3}"), ok201(service.post(BASE + "/" + id + "/artifacts", "{\"artifact_ids\":[\"mcp:github\"]}")));

        JsonObject listing = service.getJson(BASE + "/" + id + "/artifacts?facets=true");
        assertEquals(List.of("work/skill:code-reviewer", "default/mcp:github", "default/skill:pdf-tools"), ids(listing));
        assertEquals(RunningService.json("{\"skill\":2,\"mcp\":1}"), listing.getJsonObject("facets").getJsonObject("type"));
        assertEquals(0, listing.getJsonArray("missing_artifacts").size());
        assertEquals(List.of("work/skill:code-reviewer"), ids(service.getJson(BASE + "/" + id + "/artifacts?q=review")));
        assertEquals(List.of("default/skill:pdf-tools", "work/skill:code-reviewer"),
                ids(service.getJson(BASE + "/" + id + "/artifacts?artifact_type=skill&sort=-name")));
        assertEquals("pdf-tools", service.getJson(BASE + "/" + id + "/artifacts/skill:pdf-tools").getString("name"));
        // a folder's listing is unchanged by the membership
        assertEquals(3, service.getJson(BASE + "/default/artifacts").getJsonObject("page_info").getInt("total_count"));

        JsonObject all = service.getJson(BASE);
        // listed by id: a user collection's random 32-hex id sorts anywhere among the folders' names
        assertEquals(List.of("Favourites:user", "default:file", "work:file"), all.getJsonArray("items").getValuesAs(JsonObject.class)
                .stream().map(item -> item.getString("name") + ":" + item.getString("collection_type")).sorted().toList());
        assertEquals(3, userCollection(all, id).getInt("artifact_count"));

        assertEquals(204, send("DELETE", BASE + "/" + id + "/artifacts/skill:pdf-tools", null).statusCode());
        assertEquals(List.of("work/skill:code-reviewer", "default/mcp:github"), ids(service.getJson(BASE + "/" + id + "/artifacts")));
        assertError(404, "artifact_not_found", "\"skill:pdf-tools\" is not in user collection \"Favourites\"", "artifact_id", send("DELETE", BASE + "/" + id + "/artifacts/skill:pdf-tools", null));

        JsonObject renamed = ok(send("PUT", BASE + "/" + id, "{\"name\":\"Best\"}"));
        assertEquals("Best|Mine", renamed.getString("name") + "|" + renamed.getString("description"));

        assertEquals(204, send("DELETE", BASE + "/" + id, null).statusCode());
        assertEquals(2, service.getJson(BASE).getJsonArray("items").size());
        assertEquals(0, service.cache().index().search(dev.artifactcache.index.SearchRequest.builder().collections(id).build())
                .totalCount(), "the documents no longer carry the deleted collection's id");
        assertEquals(404, service.get(BASE + "/" + id + "/artifacts").statusCode());
    }

    private static JsonObject ok201(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return RunningService.json(response.body());
    }

    @Test
    void refusals() {
        String id = create("Favourites");
        assertError(409, "name_taken", "A user collection named \"Favourites\" already exists; choose another name", "name",
                service.post(BASE, "{\"name\":\"favourites\"}"));
        assertError(409, "file_collection", "\"default\" is a file collection (a folder of SkillMeat files); the cache does not "
                + "change it: use the SkillMeat CLI, or make a user collection", "collection_id", send("PUT", BASE + "/default", "{\"name\":\"x\"}"));
        assertEquals(409, send("DELETE", BASE + "/default", null).statusCode());
        assertError(400, "invalid_parameter", "name is required, e.g. {\"name\":\"My favourites\"}", "name", service.post(BASE, "{}"));
        assertError(404, "artifact_not_found", "No artifact \"skill:nope\" in the cache; list the artifacts to see their ids",
                "artifact_ids", service.post(BASE + "/" + id + "/artifacts", "{\"artifact_ids\":[\"skill:nope\"]}"));
        assertEquals(404, send("DELETE", BASE + "/0123456789abcdef0123456789abcdef", null).statusCode());
    }

    @Test
    void aMemberWhoseArtifactGoesIsListedAsMissingAndComesBack() {
        String id = create("Favourites");
        service.post(BASE + "/" + id + "/artifacts", "{\"artifact_ids\":[\"skill:pdf-tools\",\"mcp:github\"]}");
        home.remove("default", "skill:pdf-tools");
        service.cache().synchronizer().sync("default", dev.artifactcache.sync.Selection.ALL);
        JsonObject listing = service.getJson(BASE + "/" + id + "/artifacts");
        assertEquals(List.of("default/mcp:github"), ids(listing));
        assertEquals(RunningService.json("{\"a\":[{\"id\":\"skill:pdf-tools\",\"collection\":\"default\"}]}").get("a"),
                listing.getJsonArray("missing_artifacts"));
        assertEquals(1, userCollection(service.getJson(BASE), id).getInt("missing_count"));

        home.skill("default", "pdf-tools", "description: Back again\n", "");
        service.cache().synchronizer().sync("default", dev.artifactcache.sync.Selection.ALL);
        listing = service.getJson(BASE + "/" + id + "/artifacts");
        assertEquals(List.of("default/mcp:github", "default/skill:pdf-tools"), ids(listing));
        assertEquals(0, listing.getJsonArray("missing_artifacts").size());
    }

    @Test
    void membershipSurvivesARestartAnIndexRebuildAndAFreshDatabase() throws IOException {
        String id = create("Favourites");
        service.post(BASE + "/" + id + "/artifacts", "{\"artifact_ids\":[\"skill:pdf-tools\",\"work/skill:code-reviewer\"]}");
        List<String> expected = List.of("work/skill:code-reviewer", "default/skill:pdf-tools");
        Path data = tmp.resolve("data");

        service.close();
        service = start(data);
        assertEquals(expected, ids(service.getJson(BASE + "/" + id + "/artifacts")));

        service.close();
        deleteTree(data.resolve("lucene"));
        service = start(data);
        assertEquals(expected, ids(service.getJson(BASE + "/" + id + "/artifacts")));

        service.close();
        try (Stream<Path> files = Files.list(data)) { // the database moved aside, as crash recovery does
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".db")).toList()) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".broken"));
            }
        }
        service = start(data);
        assertEquals(expected, ids(service.getJson(BASE + "/" + id + "/artifacts")));
        assertEquals("Favourites", userCollection(service.getJson(BASE), id).getString("name"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static JsonObject userCollection(JsonObject list, String id) {
        return list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getString("id").equals(id)).findFirst().orElseThrow();
    }
}
