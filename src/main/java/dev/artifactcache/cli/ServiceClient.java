package dev.artifactcache.cli;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The service's HTTP API as the commands use it: JSON in and out, the write token on each request
 * when there is one, and every failure turned into a {@link CommandFailure} whose message is the
 * service's own {@code detail} or says what to do.
 */
final class ServiceClient {

    /** As SkillMeat's CLI: a service on this machine that does not accept a connection by then is not running. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final String NDJSON = "application/x-ndjson";
    private static final JsonProvider JSON = JsonProvider.provider();

    private final URI server;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param server  the service's address, e.g. {@code http://127.0.0.1:8080}
     * @param token   the write token, or null
     * @param timeout how long to wait for each answer, or null to wait as long as the service works
     */
    ServiceClient(URI server, String token, Duration timeout) {
        this.server = server;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    URI server() {
        return server;
    }

    JsonObject get(String pathAndQuery) {
        HttpResponse<String> response = send(request(pathAndQuery).GET(), HttpResponse.BodyHandlers.ofString());
        return answer(response.statusCode(), response.body());
    }

    /**
     * Fails as a usage error, in the service's own words, when a collection is not one the cache
     * knows: a filter on a misspelt name would otherwise find nothing and look like an answer.
     */
    void requireCollections(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        List<String> known = collectionIds();
        names.stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw CommandFailure.usage("No collection \"" + name + "\"; there are these: " + String.join(", ", known) + ".");
        });
    }

    /** The ids of the collections the cache knows, in its order. */
    List<String> collectionIds() {
        return get("/api/v1/user-collections").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getString("id")).toList();
    }

    /** The JSON object at a path, or empty when the service answers 404 (it has no such thing). */
    Optional<JsonObject> find(String pathAndQuery) {
        HttpResponse<String> response = send(request(pathAndQuery).GET(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(answer(response.statusCode(), response.body()));
    }

    /** The health checks' JSON, also while the service is not ready yet (503 with the same JSON). */
    JsonObject health() {
        HttpResponse<String> response = send(request("/observe/health").GET(), HttpResponse.BodyHandlers.ofString());
        JsonObject json = parse(response.body());
        return response.statusCode() == 503 && json != null && json.containsKey("status") ? json
                : answer(response.statusCode(), response.body());
    }

    JsonObject post(String path, JsonObject body) {
        HttpResponse<String> response = send(jsonPost(path, body), HttpResponse.BodyHandlers.ofString());
        return answer(response.statusCode(), response.body());
    }

    /**
     * Posts to a batch route asking for its progress: hands each {@code progress} object to
     * {@code progress} as it arrives and returns the last line, the route's usual result. A
     * service that does not stream answers with the result alone, which is handled the same way.
     */
    JsonObject postWithProgress(String path, JsonObject body, Consumer<JsonObject> progress) {
        HttpResponse<Stream<String>> response = send(jsonPost(path, body).header("Accept", NDJSON),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() / 100 != 2) {
                return answer(response.statusCode(), lines.collect(Collectors.joining("\n")));
            }
            JsonObject last = null;
            for (Iterator<String> it = lines.filter(line -> !line.isBlank()).iterator(); it.hasNext(); ) {
                last = answer(200, it.next());
                if (last.containsKey("progress")) {
                    progress.accept(last.getJsonObject("progress"));
                }
            }
            if (last == null || last.containsKey("progress")) {
                throw CommandFailure.failed("the service at " + server + " stopped answering before the result; "
                        + "its log says why");
            }
            if (last.containsKey("error")) {
                throw CommandFailure.failed(detail(last));
            }
            return last;
        } catch (UncheckedIOException e) {
            throw CommandFailure.failed("the connection to " + server + " broke during the answer (" + reason(e.getCause()) + ")");
        }
    }

    private HttpRequest.Builder jsonPost(String path, JsonObject body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        // Appended, not resolved: a service behind a proxy under a path prefix keeps its prefix.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + pathAndQuery));
        if (timeout != null) {
            request.timeout(timeout);
        }
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw CommandFailure.failed("the service at " + server + " did not answer within " + timeout.toSeconds()
                    + " s; what it started goes on there");
        } catch (ConnectException e) {
            throw unreachable(reason(e));
        } catch (IOException e) {
            throw CommandFailure.failed("the connection to " + server + " failed (" + reason(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("interrupted while waiting for " + server);
        }
    }

    private CommandFailure unreachable(String why) {
        return CommandFailure.unreachable("cannot reach the service at " + server + " (" + why + "); start it with: "
                + Launcher.command(serveCommand()));
    }

    /** serve on the port this client called, so that following the hint makes the two meet. */
    private String serveCommand() {
        int port = server.getPort() != -1 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
        return "serve --port " + port;
    }

    /** The JSON object of a 2xx answer; else the failure the service's error envelope describes. */
    private JsonObject answer(int status, String body) {
        JsonObject json = parse(body);
        if (status / 100 == 2 && json != null) {
            return json;
        }
        if (json != null && json.get("detail") instanceof JsonString) {
            throw failure(status, detail(json));
        }
        throw CommandFailure.failed("the service at " + server + " answered " + status
                + (json == null ? " with something other than JSON" : " without an error detail")
                + "; is --server the artifact cache?");
    }

    /** A request the service refused (4xx) is a usage error; one it could not do now (429, 5xx) a failure. */
    private static CommandFailure failure(int status, String detail) {
        if (status == 401) {
            return CommandFailure.usage(detail + " Pass --token or set ARTIFACT_CACHE_TOKEN.");
        }
        return status / 100 == 4 && status != 429 ? CommandFailure.usage(detail) : CommandFailure.failed(detail);
    }

    private static String detail(JsonObject envelope) {
        JsonValue detail = envelope.get("detail");
        return detail instanceof JsonString text ? text.getString() : envelope.toString();
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
        } catch (JsonException e) {
            return null;
        }
    }

    /** HttpClient's connection errors often carry no message; their type says enough. */
    private static String reason(Throwable e) {
        if (e instanceof ConnectException && (e.getMessage() == null || e.getMessage().isBlank())) {
            return "connection refused";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
