package dev.artifactcache.cli;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The progress protocol of {@code refresh-metadata}: with {@code Accept: application/x-ndjson} one
 * progress line before the first collection and after each, then the usual result; the plain
 * JSON answer for every other client, unchanged.
 */
class ProgressStreamTest {

    private static final String REFRESH = "/api/v1/user-collections/refresh-metadata";
    private static final JsonProvider JSON = JsonProvider.provider();

    @TempDir
    Path tmp;
    private RunningService service;

    @BeforeEach
    void start() {
        TestHome home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Extract text from PDFs\n", "")
                .skill("default", "kubernetes-architect", "description: Design clusters\n", "")
                .mcp("default", "github", "GitHub issues and pull requests")
                .skill("work", "code-reviewer", "description: Review diffs\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START),
                Map.of("security.rate-limit.per-minute", "0"));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private HttpResponse<String> refresh(String body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(REFRESH)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return service.send(request.build());
    }

    private static JsonObject json(String text) {
        return JSON.createReader(new StringReader(text)).readObject();
    }

    private static JsonObject untimed(JsonObject result) {
        return JSON.createObjectBuilder(result).remove("took_ms").build();
    }

    @Test
    void ndjsonHasAProgressLinePerCollectionThenTheResult() {
        HttpResponse<String> response = refresh("{}", "application/x-ndjson");

        assertEquals(200, response.statusCode());
        assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElseThrow());
        List<String> lines = response.body().lines().toList();
        assertEquals(List.of(
                "{\"progress\":{\"done\":0,\"total\":2,\"scanned\":0}}",
                "{\"progress\":{\"done\":1,\"total\":2,\"scanned\":3}}",
                "{\"progress\":{\"done\":2,\"total\":2,\"scanned\":4}}"), lines.subList(0, 3));
        assertEquals(json("""
                {"scanned":4,"created":0,"updated":0,"unchanged":4,"deleted":0,"failed":0,"errors":[]}
                """), untimed(json(lines.get(3))));
        assertEquals(4, lines.size());
        assertEquals(true, response.body().endsWith("\n"));
    }

    @Test
    void artifactsPickedByTheIndexAreSyncedCollectionByCollection() {
        List<String> lines = refresh("{\"artifact_type\":[\"skill\"]}", "application/x-ndjson").body().lines().toList();

        // In the index's order, by name: work's code-reviewer comes first, then default's two skills.
        assertEquals(List.of(
                "{\"progress\":{\"done\":0,\"total\":2,\"scanned\":0}}",
                "{\"progress\":{\"done\":1,\"total\":2,\"scanned\":1}}",
                "{\"progress\":{\"done\":2,\"total\":2,\"scanned\":3}}"), lines.subList(0, 3));
        assertEquals(3, json(lines.get(3)).getInt("unchanged"));
    }

    @Test
    void aBatchWithNothingToDoStillEndsWithTheResult() {
        List<String> lines = refresh("{\"stale_only\":true}", "application/x-ndjson").body().lines().toList();

        assertEquals(List.of("{\"progress\":{\"done\":0,\"total\":0,\"scanned\":0}}"), lines.subList(0, 1));
        assertEquals(0, json(lines.get(1)).getInt("scanned"));
    }

    @Test
    void everyOtherClientGetsThePlainJsonAsBefore() {
        JsonObject streamed = untimed(json(refresh("{}", "application/x-ndjson").body().lines().toList().getLast()));
        for (String accept : new String[] {null, "application/json", "*/*", "text/html, */*;q=0.8",
                "application/x-ndjson;q=0, application/json"}) {
            HttpResponse<String> response = refresh("{}", accept);

            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow(), accept);
            assertEquals(streamed, untimed(json(response.body())), accept);
        }
    }

    @Test
    void badRequestsAreRefusedWithTheirStatusBeforeAnyStreaming() {
        HttpResponse<String> response = refresh("{\"collection\":\"nope\"}", "application/x-ndjson");

        assertEquals(404, response.statusCode());
        assertEquals("collection_not_found", json(response.body()).getString("error"));
    }
}
