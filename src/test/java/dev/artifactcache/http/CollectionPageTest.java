package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the page's files are served: addresses, types, cache headers, conditional requests. */
class CollectionPageTest {

    @TempDir
    static Path tmp;
    private static RunningService service;

    @BeforeAll
    static void start() {
        TestHome home = new TestHome(tmp.resolve("home")).skill("default", "pdf-tools", "description: x\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"));
    }

    @AfterAll
    static void stop() throws IOException {
        service.close();
    }

    @Test
    void theRootRedirectsToThePage() {
        HttpResponse<String> response = service.get("/");
        assertEquals(303, response.statusCode());
        assertEquals("/collection", response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void thePageIsServedAtItsAddressWithoutARedirect() {
        HttpResponse<String> response = service.get("/collection");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(response.body().contains("<script type=\"module\" src=\"/collection/app.js\">"));
        assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'self'"));
    }

    @Test
    void scriptsAreJavaScriptAndRevalidateWithA304() {
        HttpResponse<String> first = service.get("/collection/app.js");
        assertEquals(200, first.statusCode());
        assertEquals("text/javascript", first.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("nosniff", first.headers().firstValue("X-Content-Type-Options").orElseThrow());
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = service.send(HttpRequest.newBuilder(service.uri("/collection/app.js"))
                .header("If-None-Match", etag).build());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void aMissingFileIs404WithTheEnvelope() {
        HttpResponse<String> response = service.get("/collection/missing.js");
        assertEquals(404, response.statusCode());
        assertEquals(RunningService.json("""
                {"error":"not_found","detail":"Nothing is served at /collection/missing.js; the API is under /api/v1 and the page at /collection."}
                """), RunningService.json(response.body()));
    }
}
