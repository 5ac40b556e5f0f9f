package dev.artifactcache.observe;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.Main;
import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.Settings;
import dev.artifactcache.TestHome;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Readiness flips at the right moments: during a first population, after it, on a broken index. */
class ReadinessTest {

    private static final Config CONFIG = Config.just(ConfigSources.create(Map.of("server.port", "0", "server.host", "127.0.0.1")));

    @TempDir
    Path tmp;
    private Settings settings;

    @BeforeEach
    void home() {
        TestHome home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Extract text\n", "")
                .mcp("default", "github", "GitHub issues");
        settings = Settings.from(CONFIG, Map.of("SKILLMEAT_HOME", home.root().toString(),
                "ARTIFACT_CACHE_DATA", tmp.resolve("data").toString()));
    }

    private ArtifactCache open() throws IOException {
        return ArtifactCache.open(settings, new MutableClock(RunningService.START));
    }

    /** Status and the named check's status, from /observe/health/ready. */
    private static String readiness(WebServer server, String check) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/observe/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject body = RunningService.json(response.body());
        String status = body.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals(check)).findFirst().orElseThrow().getString("status");
        return response.statusCode() + " " + check + "=" + status;
    }

    @Test
    void notReadyUntilTheFirstPopulationIsDone() throws Exception {
        try (ArtifactCache cache = open()) {
            WebServer server = Main.server(CONFIG, cache).start();
            try {
                assertEquals("503 population=DOWN", readiness(server, "population"));
                assertEquals("503 database=UP", readiness(server, "database"));
                cache.population().run();
                assertEquals("200 population=UP", readiness(server, "population"));
                assertEquals("200 index=UP", readiness(server, "index"));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void warmStartIsReadyAtOnce() throws Exception {
        try (ArtifactCache cache = open()) {
            cache.population().run();
        }
        try (ArtifactCache cache = open()) {
            WebServer server = Main.server(CONFIG, cache).start();
            try {
                assertEquals("200 population=UP", readiness(server, "population"));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void brokenIndexIsNotReadyUntilRebuilt() throws Exception {
        try (ArtifactCache cache = open()) {
            cache.population().run();
        }
        try (Stream<Path> files = Files.walk(settings.dataFolder().resolve("lucene"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.write(file, new byte[] {9, 9, 9, 9});
            }
        }
        try (ArtifactCache cache = open()) {
            WebServer server = Main.server(CONFIG, cache).start();
            try {
                assertEquals("503 index=DOWN", readiness(server, "index"));
                assertEquals("503 population=DOWN", readiness(server, "population"));
                cache.population().run();
                assertEquals("200 index=UP", readiness(server, "index"));
            } finally {
                server.stop();
            }
        }
    }
}
