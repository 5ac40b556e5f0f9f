package dev.artifactcache.http;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.artifactcache.http.Answers.assertError;
import static dev.artifactcache.http.Answers.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The guards of the write routes over real HTTP: 413, 415, 400, 401 and 429. */
class WriteGuardsTest {

    private static final String SYNC = "/api/v1/user-collections/sync-artifact";
    private static final String REFRESH = "/api/v1/user-collections/refresh-metadata";
    private static final String BODY = "{\"artifact_id\":\"skill:pdf-tools\"}";

    @TempDir
    Path tmp;
    private RunningService service;

    private RunningService start(Map<String, String> settings) {
        TestHome home = new TestHome(tmp.resolve("home")).skill("default", "pdf-tools", "description: PDFs\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START), settings);
        return service;
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return service.send(request.build());
    }

    @Test
    void bodyOver64KibIs413WithOrWithoutALength() {
        start(Map.of());
        String large = BODY.replace("}", " ".repeat(64 * 1024) + "}");
        String expected = "The body is larger than 64 KiB; send only the fields of the route.";

        assertError(413, "payload_too_large", expected, "body",
                post(SYNC, "application/json", HttpRequest.BodyPublishers.ofString(large)));
        assertError(413, "payload_too_large", expected, "body", post(SYNC, "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void bodyOfExactly64KibIsAccepted() {
        start(Map.of());
        String padded = BODY.replace("}", " ".repeat(64 * 1024 - BODY.length()) + "}");
        assertEquals(64 * 1024, padded.length());

        assertEquals("unchanged", ok(post(SYNC, "application/json", HttpRequest.BodyPublishers.ofString(padded)))
                .getString("outcome"));
    }

    @Test
    void bodyThatIsNotDeclaredJsonIs415() {
        start(Map.of());
        assertError(415, "unsupported_media_type",
                "The body must be JSON: send it with \"Content-Type: application/json\" (got \"text/plain\").", "Content-Type",
                post(SYNC, "text/plain", HttpRequest.BodyPublishers.ofString(BODY)));
        assertError(415, "unsupported_media_type",
                "The body must be JSON: send it with \"Content-Type: application/json\" (no Content-Type was sent).",
                "Content-Type", post(SYNC, null, HttpRequest.BodyPublishers.ofString(BODY)));
        assertEquals(200, post(SYNC, "application/json; charset=utf-8", HttpRequest.BodyPublishers.ofString(BODY)).statusCode());
    }

    @Test
    void malformedJsonIs400NamingTheBody() {
        start(Map.of());
        HttpResponse<String> broken = post(SYNC, "application/json", HttpRequest.BodyPublishers.ofString("{\"artifact_id\":"));
        assertEquals(400, broken.statusCode());
        assertEquals("invalid_json", RunningService.json(broken.body()).getString("error"));
        assertEquals("body", RunningService.json(broken.body()).getString("field"));
        assertError(400, "invalid_json", "the body must be a JSON object, e.g. {\"artifact_id\":\"skill:pdf-tools\"}", "body",
                post(SYNC, "application/json", HttpRequest.BodyPublishers.ofString("[\"skill:pdf-tools\"]")));
    }

    @Test
    void withATokenEveryWriteRouteNeedsIt() {
        start(Map.of("security.write-token", "s3cret", "security.rate-limit.per-minute", "0"));
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString(BODY);

        HttpResponse<String> missing = post(SYNC, "application/json", body);
        assertError(401, "unauthorized", "This route needs the write token: send \"Authorization: Bearer <token>\".",
                "Authorization", missing);
        assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElse(null));
        for (String route : new String[] {SYNC, REFRESH, "/api/v1/user-collections/refresh-cache",
                "/api/v1/user-collections/default/refresh-cache"}) {
            assertError(401, "unauthorized", "The write token does not match the one this server is configured with.",
                    "Authorization", post(route, "application/json", body, "Authorization", "Bearer s3cre7"));
        }

        assertEquals(200, post(SYNC, "application/json", body, "Authorization", "Bearer s3cret").statusCode());
        assertEquals(200, post(REFRESH, "application/json", body, "Authorization", "bearer s3cret").statusCode());
        assertEquals(200, service.get("/api/v1/user-collections/default/artifacts").statusCode());
        assertEquals(200, service.get("/api/v1/user-collections/cache-stats").statusCode());
    }

    @Test
    void batchRoutesAreRateLimitedPerClientWithRetryAfter() {
        start(Map.of()); // the defaults: 6 a minute, burst 2
        HttpRequest.BodyPublisher empty = HttpRequest.BodyPublishers.noBody();

        assertEquals(200, post(REFRESH, null, empty).statusCode());
        assertEquals(200, post("/api/v1/user-collections/refresh-cache", null, empty).statusCode());
        HttpResponse<String> limited = post(REFRESH, null, empty);
        assertError(429, "rate_limited", "Too many batch refreshes from this client; try again in 10 s (the file watcher "
                + "keeps the cache fresh meanwhile).", null, limited);
        assertEquals("10", limited.headers().firstValue("Retry-After").orElse(null));
        assertEquals(200, service.post(SYNC, BODY).statusCode(), "single syncs are not limited");
        assertEquals(200, post("/api/v1/user-collections/default/refresh-cache", null, empty).statusCode(),
                "a collection's refresh is single-flight, not limited");

        service.clock().advance(Duration.ofSeconds(10));
        assertEquals(200, post(REFRESH, null, empty).statusCode());
        assertEquals(429, post(REFRESH, null, empty).statusCode());
    }
}
