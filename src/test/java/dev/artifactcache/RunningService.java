package dev.artifactcache;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The real service (H2 file, Lucene directory, Helidon server on a free port) over a SkillMeat
 * home, for tests that speak HTTP. The population runs to completion before the test starts.
 */
public final class RunningService implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    private static final JsonProvider JSON = JsonProvider.provider();

    private final ArtifactCache cache;
    private final WebServer server;
    private final MutableClock clock;
    private final HttpClient client = HttpClient.newHttpClient();

    private RunningService(ArtifactCache cache, WebServer server, MutableClock clock) {
        this.cache = cache;
        this.server = server;
        this.clock = clock;
    }

    public static RunningService start(Path home, Path data) {
        return start(home, data, new MutableClock(START));
    }

    public static RunningService start(Path home, Path data, MutableClock clock) {
        return start(home, data, clock, Map.of());
    }

    /** The service most route tests start: on {@code home}, the clock at {@link #START}, with these settings. */
    public static RunningService start(TestHome home, Path data, Map<String, String> overrides) {
        return start(home.root(), data, new MutableClock(START), overrides);
    }

    /** @param overrides configuration keys over the defaults, e.g. {@code security.write-token} */
    public static RunningService start(Path home, Path data, MutableClock clock, Map<String, String> overrides) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("server.port", "0", "server.host", "127.0.0.1"));
        values.putAll(overrides);
        Config config = Config.just(ConfigSources.create(values));
        Settings settings = Settings.from(config, Map.of("SKILLMEAT_HOME", home.toString(),
                "ARTIFACT_CACHE_DATA", data.toString()));
        try {
            ArtifactCache cache = ArtifactCache.open(settings, clock);
            cache.population().run();
            WebServer server = Main.server(config, cache).start();
            return new RunningService(cache, server, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ArtifactCache cache() {
        return cache;
    }

    public MutableClock clock() {
        return clock;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A POST as SkillMeat's CLI sends it: no body, no Content-Type, no Authorization, a 3 s timeout. */
    public HttpResponse<String> cliPost(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(3))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs a route that must answer 200 and returns its JSON object. */
    public JsonObject getJson(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    public static JsonObject json(String body) {
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    @Override
    public void close() throws IOException {
        server.stop();
        cache.close();
    }
}
