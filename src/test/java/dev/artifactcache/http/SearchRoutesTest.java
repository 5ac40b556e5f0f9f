package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search, filters, facets and highlights of the listing routes, over real HTTP. */
class SearchRoutesTest {

    @TempDir
    static Path tmp;
    private static RunningService service;

    @BeforeAll
    static void start() {
        TestHome home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Extract text from PDF files\ntags: [pdf]\ntools: [Read, Bash]\n", "")
                .skill("default", "kubernetes-architect", "description: Design Kubernetes clusters\ntags: [k8s]\ntools: [Read, Grep]\n", "")
                .skill("default", "code-reviewer", "description: Review diffs <script>alert(1)</script>\ntags: [review]\ntools: Read, Grep, Bash\n", "")
                .mcp("default", "github", "GitHub issues and pull requests")
                .mcp("default", "postgres", "Query a PostgreSQL database")
                .skill("work", "pdf-merge", "description: Merge PDF files\ntags: [pdf]\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"));
    }

    @AfterAll
    static void stop() throws IOException {
        service.close();
    }

    private static List<String> ids(String query) {
        return service.getJson("/api/v1/user-collections/default/artifacts?" + query).getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("id")).toList();
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void prefixAndTypoFindTheArtifact() {
        assertEquals(List.of("skill:kubernetes-architect"), ids(q("kube")));
        assertEquals(List.of("skill:kubernetes-architect"), ids(q("kubernets")));
        assertEquals(List.of("skill:pdf-tools"), ids(q("pdf")));
        assertEquals(List.of("skill:pdf-tools"), ids("search=pdf"));
    }

    @Test
    void tagAndToolFiltersCombineAnyAndAll() {
        assertEquals(List.of("skill:kubernetes-architect", "skill:pdf-tools"), ids("tags=pdf,k8s"));
        assertEquals(List.of(), ids("tags=pdf,k8s&tag_mode=all"));
        assertEquals(List.of("skill:code-reviewer"), ids("tags=docs,review&tag_mode=all"));
        assertEquals(List.of("skill:code-reviewer", "skill:pdf-tools"), ids("tools=Bash"));
        assertEquals(List.of("skill:code-reviewer"), ids("tools=Bash,Grep&tool_mode=all"));
        assertEquals(List.of("mcp:github", "mcp:postgres"), ids("origin=local"));
    }

    @Test
    void sortOrders() {
        assertEquals(List.of("mcp:postgres", "skill:pdf-tools", "skill:kubernetes-architect", "mcp:github",
                "skill:code-reviewer"), ids("sort=-name"));
        assertEquals(400, service.get("/api/v1/user-collections/default/artifacts?sort=size").statusCode());
    }

    @Test
    void facetsAreDisjunctive() {
        JsonObject page = service.getJson("/api/v1/user-collections/default/artifacts?artifact_type=skill&facets=true");
        assertEquals(RunningService.json("""
                {"type":{"skill":3,"mcp":2},
                 "tags":{"docs":3,"k8s":1,"pdf":1,"review":1},
                 "tools":{"Read":3,"Bash":2,"Grep":2},
                 "origin":{"github":3}}
                """), page.getJsonObject("facets"));
        assertEquals(3, page.getJsonObject("page_info").getInt("total_count"));

        JsonObject byTag = service.getJson("/api/v1/user-collections/default/artifacts?tags=pdf&facets=true");
        assertEquals(RunningService.json("""
                {"type":{"skill":1},"tags":{"docs":3,"k8s":1,"pdf":1,"review":1},"tools":{"Bash":1,"Read":1},
                 "origin":{"github":1}}
                """), byTag.getJsonObject("facets"));
    }

    @Test
    void highlightsAreEscapedAndMarked() {
        JsonObject item = service.getJson("/api/v1/user-collections/default/artifacts?" + q("review") + "&highlight=true")
                .getJsonArray("items").getJsonObject(0);
        List<String> description = item.getJsonObject("highlights").getJsonArray("description")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertEquals(1, description.size());
        assertTrue(description.getFirst().contains("<mark>Review</mark>"), description.getFirst());
        assertTrue(description.getFirst().contains("&lt;script&gt;"), description.getFirst());
        assertTrue(!description.getFirst().contains("<script>"), description.getFirst());
    }

    @Test
    void hostileQueryTextNeverFails() {
        for (String text : List.of("foo AND (", "\"unclosed", "*", "\\", "name:", "a~~~", "[1 TO", "-", "&&||!")) {
            HttpResponse<String> response = service.get("/api/v1/user-collections/default/artifacts?" + q(text));
            assertEquals(200, response.statusCode(), text + " → " + response.body());
        }
    }

    @Test
    void allCollectionsRouteTakesACollectionFilter() {
        List<String> all = service.getJson("/api/v1/artifacts?" + q("pdf")).getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("collection") + "/" + item.asJsonObject().getString("id")).toList();
        assertEquals(2, all.size());
        assertTrue(all.containsAll(List.of("default/skill:pdf-tools", "work/skill:pdf-merge")), all.toString());
        assertEquals(1, service.getJson("/api/v1/artifacts?collection=work").getJsonObject("page_info").getInt("total_count"));
    }

    @Test
    void staleFilterFollowsTheTtl() {
        try {
            assertEquals(List.of(), ids("stale=true"));
            assertEquals(5, ids("stale=false").size());
            // Only the first stale read is asserted: it queues the documents for a background
            // re-sync, which may make later reads see them fresh again.
            service.clock().advance(Duration.ofMinutes(31));
            JsonObject page = service.getJson("/api/v1/user-collections/default/artifacts?stale=true");
            assertEquals(5, page.getJsonObject("page_info").getInt("total_count"));
            assertTrue(page.getJsonArray("items").getJsonObject(0).getBoolean("stale"));
            assertEquals(1800, page.getJsonObject("freshness").getInt("ttl_seconds"));
        } finally {
            service.clock().set(RunningService.START);
        }
    }
}
