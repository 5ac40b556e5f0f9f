package dev.artifactcache.cli;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The progress protocol of {@code refresh-metadata}: with {@code Accept: application/x-ndjson} a
 * progress line before the first collection, after each chunk of artifacts and after each
 * collection, against a total planned up front, then the usual result; the plain JSON answer for
 * every other client, unchanged.
 */
class ProgressStreamTest {

    private static final String REFRESH = "/api/v1/user-collections/refresh-metadata";
    private static final JsonProvider JSON = JsonProvider.provider();

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

    private List<String> ndjson(String body) {
        return refresh(body, "application/x-ndjson").body().lines().toList();
    }

    private static String progress(int scanned, int total, int collectionsDone, int collections) {
        return "{\"progress\":{\"scanned\":%d,\"total\":%d,\"collections_done\":%d,\"collections\":%d}}"
                .formatted(scanned, total, collectionsDone, collections);
    }

    @Test
    void ndjsonHasProgressLinesAgainstAPlannedTotalThenTheResult() {
        HttpResponse<String> response = refresh("{}", "application/x-ndjson");

        assertEquals(200, response.statusCode());
        assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElseThrow());
        List<String> lines = response.body().lines().toList();
        // default (3 artifacts, one chunk), then work (1): after its chunk, then once the collection is done.
        assertEquals(List.of(
                progress(0, 4, 0, 2),
                progress(3, 4, 0, 2),
                progress(3, 4, 1, 2),
                progress(4, 4, 1, 2),
                progress(4, 4, 2, 2)), lines.subList(0, 5));
        assertEquals(json("""
                {"scanned":4,"created":0,"updated":0,"unchanged":4,"deleted":0,"failed":0,"errors":[]}
                """), untimed(json(lines.get(5))));
        assertEquals(6, lines.size());
        assertEquals(true, response.body().endsWith("\n"));
    }

    @Test
    void oneLargeCollectionMovesChunkByChunk() {
        home.skills("big", 1200);

        List<String> lines = ndjson("{\"collection\":\"big\"}");

        assertEquals(List.of(
                progress(0, 1200, 0, 1),
                progress(500, 1200, 0, 1),
                progress(1000, 1200, 0, 1),
                progress(1200, 1200, 0, 1),
                progress(1200, 1200, 1, 1)), lines.subList(0, 5));
        assertEquals(1200, json(lines.get(5)).getInt("created"));
        assertEquals(6, lines.size());
    }

    @Test
    void theTotalGrowsByTheCachedArtifactsGoneFromTheManifest() {
        home.remove("default", "mcp:github");

        List<String> lines = ndjson("{}");

        // Planned: default's 2 entries and work's 1; the deletion of mcp:github is found as default is synced.
        assertEquals(List.of(
                progress(0, 3, 0, 2),
                progress(2, 3, 0, 2),
                progress(3, 4, 0, 2),
                progress(3, 4, 1, 2),
                progress(4, 4, 1, 2),
                progress(4, 4, 2, 2)), lines.subList(0, 6));
        assertEquals(json("""
                {"scanned":4,"created":0,"updated":0,"unchanged":3,"deleted":1,"failed":0,"errors":[]}
                """), untimed(json(lines.get(6))));
    }

    @Test
    void artifactsPickedByTheIndexAreSyncedCollectionByCollection() {
        List<String> lines = ndjson("{\"artifact_type\":[\"skill\"]}");

        // In the index's order, by name: work's code-reviewer comes first, then default's two skills.
        assertEquals(List.of(
                progress(0, 3, 0, 2),
                progress(1, 3, 0, 2),
                progress(1, 3, 1, 2),
                progress(3, 3, 1, 2),
                progress(3, 3, 2, 2)), lines.subList(0, 5));
        assertEquals(3, json(lines.get(5)).getInt("unchanged"));
    }

    @Test
    void theTotalGrowsByTheArtifactsOfAPickedCollectionGoneFromDisk() throws IOException {
        Files.delete(home.collection("work").resolve("collection.toml"));

        List<String> lines = ndjson("{\"artifact_type\":[\"skill\"]}");

        // work has no manifest left, so nothing was planned for it: its removal adds code-reviewer.
        assertEquals(List.of(
                progress(0, 2, 0, 2),
                progress(1, 3, 0, 2),
                progress(1, 3, 1, 2),
                progress(3, 3, 1, 2),
                progress(3, 3, 2, 2)), lines.subList(0, 5));
        assertEquals(json("""
                {"scanned":3,"created":0,"updated":0,"unchanged":2,"deleted":1,"failed":0,"errors":[]}
                """), untimed(json(lines.get(5))));
    }

    @Test
    void aBatchWithNothingToDoStillEndsWithTheResult() {
        List<String> lines = ndjson("{\"stale_only\":true}");

        assertEquals(List.of(progress(0, 0, 0, 0)), lines.subList(0, 1));
        assertEquals(0, json(lines.get(1)).getInt("scanned"));
        assertEquals(2, lines.size());
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
