package dev.artifactcache;

import dev.artifactcache.http.CacheHealth;
import dev.artifactcache.http.CollectionPage;
import dev.artifactcache.http.CollectionRoutes;
import dev.artifactcache.http.ErrorResponses;
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
        ArtifactCache cache = ArtifactCache.open(Settings.from(config, System.getenv()), Clock.systemUTC());
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

    /** The server on 127.0.0.1:8080 unless configured otherwise, not started. */
    public static WebServer server(Config config, ArtifactCache cache) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(8080)
                .config(config.get("server"))
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder().details(true).addChecks(CacheHealth.checks(cache)).build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(routing -> routing(routing, cache))
                .build();
    }

    /** The routes; tests run this same wiring. */
    static void routing(HttpRouting.Builder routing, ArtifactCache cache) {
        ErrorResponses.register(routing);
        routing.register("/api/v1", new CollectionRoutes(cache));
        routing.register(new CollectionPage());
    }
}
