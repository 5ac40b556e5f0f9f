package dev.artifactcache.bench;

import dev.artifactcache.Main;
import io.helidon.webserver.WebServer;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * What the benchmark runs in its child JVM: the real service ({@link Main#main}, unchanged), plus
 * a second Helidon server in the same JVM with one trivial JSON route, {@code GET /ping}. That
 * route is the floor the query latencies are compared with (performance.md: "query cost vs. the
 * server's floor"): same JVM, same Helidon, same JSON-P media support, no index work. It lives
 * here rather than in the service so the service's API stays what api.md says.
 */
public final class BenchService {

    static final String FLOOR_EVENT = "event=bench_floor_listening";

    private static final Logger LOG = Logger.getLogger(BenchService.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    private BenchService() {
    }

    public static void main(String[] args) throws IOException {
        // The floor server first: Main.main serves until the process is stopped.
        WebServer floor = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.get("/ping", (req, res) -> res.send(pong())))
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(floor::stop));
        LOG.info(FLOOR_EVENT + " url=http://127.0.0.1:" + floor.port());
        Main.main(args);
    }

    /** Built per request, as the service builds its responses. */
    private static JsonObject pong() {
        return JSON.createObjectBuilder().add("status", "ok").build();
    }
}
