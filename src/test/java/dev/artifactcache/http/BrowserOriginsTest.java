package dev.artifactcache.http;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CORS for SkillMeat's web app at its default origins; every other page is refused. */
class BrowserOriginsTest {

    private static final String SKILLMEAT_WEB = "http://localhost:3000";
    private static final String FOREIGN = "http://evil.example";

    @TempDir
    Path tmp;
    private RunningService service;

    @BeforeEach
    void start() {
        TestHome home = TestHome.fourArtifacts(tmp.resolve("home"));
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private HttpResponse<String> preflight(String origin, String method, String path) {
        return service.send(HttpRequest.newBuilder(service.uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type")
                .build());
    }

    private static Optional<String> allowedOrigin(HttpResponse<String> response) {
        return response.headers().firstValue("Access-Control-Allow-Origin");
    }

    @Test
    void skillmeatsWebAppMayReadAndWrite() {
        HttpResponse<String> get = service.send(HttpRequest.newBuilder(service.uri("/api/v1/user-collections"))
                .header("Origin", SKILLMEAT_WEB).build());
        assertEquals(200, get.statusCode());
        assertEquals(Optional.of(SKILLMEAT_WEB), allowedOrigin(get));

        HttpResponse<String> preflight = preflight(SKILLMEAT_WEB, "POST", "/api/v1/user-collections/default/refresh-cache");
        assertEquals(200, preflight.statusCode(), preflight.body());
        assertEquals(Optional.of(SKILLMEAT_WEB), allowedOrigin(preflight));

        HttpResponse<String> write = service.send(HttpRequest.newBuilder(service.uri("/api/v1/user-collections/default/refresh-cache"))
                .header("Origin", SKILLMEAT_WEB).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, write.statusCode(), write.body());
        assertEquals(Optional.of(SKILLMEAT_WEB), allowedOrigin(write));
    }

    @Test
    void aForeignPageIsRefused() {
        HttpResponse<String> preflight = preflight(FOREIGN, "GET", "/api/v1/artifacts");
        assertEquals(Optional.empty(), allowedOrigin(preflight));
        assertEquals(403, preflight.statusCode());

        HttpResponse<String> write = service.send(HttpRequest.newBuilder(service.uri("/api/v1/user-collections/sync-artifact"))
                .header("Origin", FOREIGN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"artifact_id\":\"skill:pdf-tools\"}")).build());
        assertEquals(403, write.statusCode(), write.body());
        assertEquals(Optional.empty(), allowedOrigin(write));
    }

    @Test
    void theServicesOwnPageMayWrite() {
        HttpResponse<String> write = service.send(HttpRequest.newBuilder(service.uri("/api/v1/user-collections/refresh-metadata"))
                .header("Origin", "http://" + service.uri("/").getAuthority()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(200, write.statusCode(), write.body());
    }
}
