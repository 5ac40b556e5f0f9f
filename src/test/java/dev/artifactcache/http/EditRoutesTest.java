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

import static dev.artifactcache.http.Answers.assertError;
import static dev.artifactcache.http.Answers.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PUT /artifacts/{id} and PATCH /user-collections/{c}/artifacts/{id} over real HTTP, on real files, H2 and Lucene. */
class EditRoutesTest {

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;

    @BeforeEach
    void start() {
        home = new TestHome(tmp.resolve("home")).artifacts("default", List.of(
                new TestHome.Artifact("skill", "pdf-tools", "local", "Extract text", List.of("pdf"), List.of("Read"), "1.0"),
                new TestHome.Artifact("command", "review", "local", "Review a diff", List.of("git"), List.of("Bash"), "1.0"),
                new TestHome.Artifact("agent", "planner", "local", "Plans work", List.of(), List.of("Task"), "2.0"),
                new TestHome.Artifact("hook", "lint", "local", "Lint on save", List.of("ci"), List.of(), "0.1"),
                new TestHome.Artifact("mcp", "github", "local", "GitHub issues", List.of(), List.of("mcp__github__query"), "1.0")));
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START),
                Map.of("security.rate-limit.per-minute", "0"));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private HttpResponse<String> put(String id, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri("/api/v1/artifacts/" + id + "?collection=default"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return service.send(request.build());
    }

    private String file(String relative) throws IOException {
        return Files.readString(home.collection("default").resolve(relative));
    }

    private static final String ALL = "{\"tags\":[\"pdf\",\"new\"],\"metadata\":{\"title\":\"T: x\",\"description\":\"New text\","
            + "\"author\":\"Ann\",\"license\":\"MIT\"}}";

    private static final String SCALARS = "title = \"T: x\"\nauthor = \"Ann\"\nlicense = \"MIT\"\n";

    @Test
    void eachTypeGetsItsValuesWhereTheReaderLooksAndEveryOtherByteStays() throws IOException {
        String manifest = file("collection.toml");
        for (String id : List.of("skill:pdf-tools", "command:review", "agent:planner", "hook:lint", "mcp:github")) {
            JsonObject item = ok(put(id, ALL, null));
            assertEquals("T: x|New text|Ann|MIT|[\"pdf\",\"new\"]", item.getString("title") + "|" + item.getString("description")
                    + "|" + item.getString("author") + "|" + item.getString("license") + "|" + item.getJsonArray("tags"), id);
        }
        String frontmatter = """
                ---
                description: New text
                version: "%s"
                tags: [pdf, new]
                allowed-tools: %s
                title: "T: x"
                author: Ann
                license: MIT
                ---

                # %s
                """;
        assertEquals(frontmatter.formatted("1.0", "Read", "pdf-tools"), file("skills/pdf-tools/SKILL.md"));
        assertEquals(frontmatter.formatted("1.0", "Bash", "review"), file("commands/review.md"));
        assertEquals(frontmatter.formatted("2.0", "Task", "planner"), file("agents/planner.md"));
        String expected = manifest
                .replace("added = \"2026-02-01T08:00:00\"\n", "added = \"2026-02-01T08:00:00\"\ntags = [\"pdf\", \"new\"]\n")
                .replace("description = \"Lint on save\"", "description = \"New text\"")
                .replace("description = \"GitHub issues\"", "description = \"New text\"")
                .replace("tags = [\"ci\"]\n", "tags = [\"pdf\", \"new\"]\n")
                .replace("tags = []\n", "tags = [\"pdf\", \"new\"]\n")
                .replace("tools = []\n", "tools = []\n" + SCALARS)
                .replace("tools = [\"mcp__github__query\"]\n", "tools = [\"mcp__github__query\"]\n" + SCALARS);
        assertEquals(expected, file("collection.toml"));
        // the listing shows what the answer showed
        JsonObject listed = service.getJson("/api/v1/user-collections/default/artifacts?q=New&limit=10");
        assertEquals(5, listed.getJsonObject("page_info").getInt("total_count"));
    }

    @Test
    void crlfBomBodyAndUnknownKeysStay() throws IOException {
        String original = "\uFEFF---\r\nname: pdf-tools\r\ndescription: Old\r\nx-extra:\r\n  nested: [1, 2]\r\n---\r\n\r\nBody: line one\r\n";
        home.write("collections/default/skills/pdf-tools/SKILL.md", original);
        HttpResponse<String> response = put("skill:pdf-tools", "{\"metadata\":{\"description\":\"Fresh\",\"license\":\"Apache-2.0\"}}", null);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("\uFEFF---\r\nname: pdf-tools\r\ndescription: Fresh\r\nx-extra:\r\n  nested: [1, 2]\r\nlicense: Apache-2.0\r\n---\r\n\r\nBody: line one\r\n",
                file("skills/pdf-tools/SKILL.md"));
    }

    @Test
    void theEtagIsTheContentHashAndAStaleIfMatchGets412WithTheCurrentItem() throws IOException {
        HttpResponse<String> first = put("skill:pdf-tools", "{\"metadata\":{\"author\":\"Ann\"}}", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"" + service.cache().index().get("default", "skill:pdf-tools").orElseThrow().metadata().contentHash() + "\"", etag);
        assertEquals(200, put("skill:pdf-tools", "{\"metadata\":{\"author\":\"Bob\"}}", etag).statusCode());

        String changedOnDisk = file("skills/pdf-tools/SKILL.md").replace("author: Bob", "author: Carol");
        home.write("collections/default/skills/pdf-tools/SKILL.md", changedOnDisk);
        HttpResponse<String> conflict = put("skill:pdf-tools", "{\"metadata\":{\"author\":\"Dan\"}}", etag);
        assertEquals(412, conflict.statusCode(), conflict.body());
        JsonObject body = RunningService.json(conflict.body());
        assertEquals("file_changed", body.getString("error"));
        assertEquals("If-Match", body.getString("field"));
        assertEquals("Carol", body.getJsonObject("artifact").getString("author"));
        assertEquals(changedOnDisk, file("skills/pdf-tools/SKILL.md"));
        String current = conflict.headers().firstValue("ETag").orElseThrow();
        assertEquals(200, put("skill:pdf-tools", "{\"metadata\":{\"author\":\"Dan\"}}", current).statusCode());
    }

    @Test
    void refusalsNameTheFieldAndLeaveTheFilesUntouched() throws IOException {
        String skill = file("skills/pdf-tools/SKILL.md");
        String manifest = file("collection.toml");
        assertError(400, "invalid_edit", "metadata.title is blank; give a value or leave the key out", "metadata.title",
                put("skill:pdf-tools", "{\"metadata\":{\"title\":\"  \"}}", null));
        assertError(400, "invalid_edit", "tags[1] \"a,b\" has a comma; SkillMeat splits tags at commas, send them as separate items",
                "tags[1]", put("skill:pdf-tools", "{\"tags\":[\"ok\",\"a,b\"]}", null));
        assertError(400, "invalid_edit", "tags[0] has a control character (U+0007)", "tags[0]",
                put("skill:pdf-tools", "{\"tags\":[\"bell\\u0007\"]}", null));
        assertError(400, "invalid_edit", "unknown key \"metadata.model\"; metadata takes title, description, author, license and tags",
                "metadata.model", put("skill:pdf-tools", "{\"metadata\":{\"model\":\"opus\"}}", null));
        assertError(400, "invalid_edit", "metadata.author is 201 characters; at most 200", "metadata.author",
                put("skill:pdf-tools", "{\"metadata\":{\"author\":\"" + "a".repeat(201) + "\"}}", null));
        assertError(404, "artifact_not_found", "No artifact \"skill:nope\" in collection \"default\"", "artifact_id",
                put("skill:nope", ALL, null));
        home.write("collections/default/commands/review.md", "---\ndescription: Use when: asked\n---\n");
        assertError(409, "file_not_editable", "commands/review.md: the frontmatter is not valid YAML (line 2, column 22); "
                + "the cache does not rewrite a file it cannot parse. Fix the frontmatter, then edit again", null,
                put("command:review", ALL, null));
        assertEquals("---\ndescription: Use when: asked\n---\n", file("commands/review.md"));
        assertEquals(skill, file("skills/pdf-tools/SKILL.md"));
        assertEquals(manifest, file("collection.toml"));
    }

    @Test
    void aLinkLeadingOutOfTheCollectionIsNeverWritten() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.md"), "---\ndescription: secret\n---\n");
        Path command = home.collection("default").resolve("commands/review.md");
        Files.delete(command);
        Files.createSymbolicLink(command, outside);
        HttpResponse<String> response = put("command:review", ALL, null);
        assertEquals(409, response.statusCode(), response.body());
        assertEquals("---\ndescription: secret\n---\n", Files.readString(outside));
    }

    @Test
    void patchOnTheCollectionRouteEditsTheSame() throws IOException {
        HttpResponse<String> response = service.send(HttpRequest.newBuilder(
                        service.uri("/api/v1/user-collections/default/artifacts/mcp:github"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"title\":\"GitHub\"}}")).build());
        assertEquals("GitHub", ok(response).getString("title"));
        assertEquals(true, file("collection.toml").contains("tools = [\"mcp__github__query\"]\ntitle = \"GitHub\"\n"));
    }

    @Test
    void theWatchersEventForTheServicesOwnWriteDoesNotSyncTheArtifactAgain() throws Exception {
        List<String> synced = new java.util.concurrent.CopyOnWriteArrayList<>();
        service.cache().synchronizer().onReport(report -> report.results().forEach(r -> synced.add(r.artifactId())));
        service.cache().watcher().start();
        assertEquals(200, put("skill:pdf-tools", ALL, null).statusCode());
        // An edit made after ours, by another hand: once the watcher has synced it, it has seen our write's events too.
        home.write("collections/default/agents/planner.md", "---\ndescription: Edited by hand\n---\n");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!synced.contains("agent:planner") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("skill:pdf-tools", "agent:planner"), synced);
    }

    @Test
    void withATokenAnEditWithoutItIsRefusedAndWritesNothing() throws IOException {
        service.close();
        service = RunningService.start(home.root(), tmp.resolve("data2"), new MutableClock(RunningService.START),
                Map.of("security.write-token", "s3cret"));
        String skill = file("skills/pdf-tools/SKILL.md");
        HttpResponse<String> response = put("skill:pdf-tools", ALL, null);
        assertEquals(401, response.statusCode(), response.body());
        assertEquals(skill, file("skills/pdf-tools/SKILL.md"));
        HttpResponse<String> authorized = service.send(HttpRequest.newBuilder(service.uri("/api/v1/artifacts/skill:pdf-tools?collection=default"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer s3cret")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"author\":\"Ann\"}}")).build());
        assertEquals("Ann", ok(authorized).getString("author"));
    }
}
