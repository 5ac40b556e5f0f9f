package dev.artifactcache;

import dev.artifactcache.http.BindingCheck;
import dev.artifactcache.http.CollectionPage;
import dev.artifactcache.observe.CacheHealth;
import dev.artifactcache.http.CollectionRoutes;
import dev.artifactcache.http.ErrorResponses;
import dev.artifactcache.http.SkillmeatCacheRoutes;
import dev.artifactcache.http.SyncRoutes;
import dev.artifactcache.http.WriteGuard;
import io.helidon.common.socket.SocketOptions;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/** Wires configuration, the cache and the HTTP server; the features live in their packages. */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        LogConfig.configureRuntime();
        Config config = config();
        Settings settings = Settings.from(config, System.getenv());
        Optional<String> unsafe = BindingCheck.problem(host(config), settings.writeToken());
        if (unsafe.isPresent()) {
            System.err.println(unsafe.get());
            System.exit(2);
        }
        ArtifactCache cache = ArtifactCache.open(settings, Clock.systemUTC());
        WebServer server = server(config, cache).start();
        cache.start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.stop();
            try {
                cache.close();
            } catch (IOException e) {
                LOG.warning("event=shutdown_failed reason=\"" + e.getMessage() + "\"");
            }
        }));
        LOG.info("event=listening url=http://" + server.prototype().host() + ":" + server.port()
                + " home=" + cache.settings().home() + " data=" + cache.settings().dataFolder());
    }

    /**
     * Environment and system properties over the configuration file ({@code ARTIFACT_CACHE_CONFIG},
     * else {@code etc/application.yaml} of the working folder, if present).
     */
    static Config config() {
        Path file = Path.of(Optional.ofNullable(System.getenv("ARTIFACT_CACHE_CONFIG")).orElse("etc/application.yaml"));
        return Config.builder()
                .disableSystemPropertiesSource()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.environmentVariables(), ConfigSources.systemProperties(),
                        ConfigSources.file(file).optional())
                .build();
    }

    /**
     * The server on 127.0.0.1:8080 unless configured otherwise, not started.
     *
     * @throws IllegalStateException when configured on a non-loopback address without a write token
     */
    public static WebServer server(Config config, ArtifactCache cache) {
        BindingCheck.require(host(config), cache.settings().writeToken());
        return WebServer.builder()
                .host("127.0.0.1")
                .port(8080)
                // Responses are written in several pieces (chunked JSON): with Nagle's algorithm the last
                // piece waits for the client's delayed ACK, 40 ms on Linux, for every listing page.
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .config(config.get("server"))
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder().details(true).addChecks(CacheHealth.checks(cache)).build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(routing -> routing(routing, cache))
                .build();
    }

    private static String host(Config config) {
        return config.get("server.host").asString().orElse("127.0.0.1");
    }

    /** The routes; tests run this same wiring. SkillMeat's cache routes come before any {collection_id} route. */
    static void routing(HttpRouting.Builder routing, ArtifactCache cache) {
        ErrorResponses.register(routing);
        WriteGuard guard = WriteGuard.of(cache.settings(), cache.clock(), cache.metrics()::rateLimited);
        routing.register("/api/v1", new SkillmeatCacheRoutes(cache, guard), new SyncRoutes(cache, guard),
                new CollectionRoutes(cache));
        routing.register(new CollectionPage());
    }
}
