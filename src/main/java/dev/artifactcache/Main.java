package dev.artifactcache;

import dev.artifactcache.cli.ArtifactCacheCommand;
import dev.artifactcache.collection.HomeCheck;
import dev.artifactcache.http.BindingCheck;
import dev.artifactcache.http.CollectionPage;
import dev.artifactcache.observe.CacheHealth;
import dev.artifactcache.http.CollectionRoutes;
import dev.artifactcache.http.EditRoutes;
import dev.artifactcache.http.FacetValueRoutes;
import dev.artifactcache.http.ErrorResponses;
import dev.artifactcache.http.PortCheck;
import dev.artifactcache.http.RequestChecks;
import dev.artifactcache.observe.HttpAnswers;
import dev.artifactcache.http.SkillmeatCacheRoutes;
import dev.artifactcache.http.SkillmeatReadRoutes;
import dev.artifactcache.http.SyncRoutes;
import dev.artifactcache.http.TransportErrors;
import dev.artifactcache.http.UserCollectionRoutes;
import dev.artifactcache.http.WriteGuard;
import dev.artifactcache.store.DataFolderInUseException;
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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/** Wires configuration, the cache and the HTTP server; the features live in their packages. */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    private static final String DEFAULT_HOST = "127.0.0.1";
    /** The address SkillMeat's CLI calls. */
    private static final int DEFAULT_PORT = 8080;

    private Main() {
    }

    /** The command line: {@code serve} (the default) and the client commands; exits with the command's status. */
    public static void main(String[] args) {
        System.exit(ArtifactCacheCommand.run(args));
    }

    /**
     * The {@code serve} command: {@link #start starts} the service, then blocks until the JVM is
     * stopped, whose shutdown hook closes the server and the cache. Returns 2 when it did not start.
     *
     * @param env the environment, where the command's options replace {@code SKILLMEAT_HOME} and
     *            {@code ARTIFACT_CACHE_DATA}
     * @param err where the refusal goes
     */
    public static int serve(Config config, Map<String, String> env, PrintWriter err)
            throws IOException, InterruptedException {
        Optional<Running> running = start(config, env, err);
        if (running.isEmpty()) {
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(running.get()::stop));
        new CountDownLatch(1).await(); // serve until the JVM stops; the shutdown hook above closes everything
        return 0;
    }

    /** A started service: its server and cache, which {@link #stop()} closes. */
    public record Running(WebServer server, ArtifactCache cache) {

        /** Stops the server, then closes the cache (which commits the index). */
        public void stop() {
            server.stop();
            try {
                cache.close();
            } catch (IOException e) {
                LOG.warning("event=shutdown_failed reason=\"" + e.getMessage() + "\"");
            }
        }
    }

    /**
     * Opens the cache, starts the server and the background work, and logs {@code event=listening}.
     * Empty, with one line on {@code err}, when the address is not loopback and no write token is
     * set or the port is taken (both before anything is opened), or when another service holds the
     * data folder.
     */
    public static Optional<Running> start(Config config, Map<String, String> env, PrintWriter err) throws IOException {
        LogConfig.configureRuntime();
        Settings settings = Settings.from(config, env);
        Optional<String> fault = BindingCheck.problem(host(config), settings.writeToken())
                .or(() -> PortCheck.problem(host(config), port(config)));
        if (fault.isPresent()) {
            err.println(fault.get());
            return Optional.empty();
        }
        HomeCheck.problem(settings.home()).ifPresent(warning -> LOG.warning("event=home_unusable warning=\"" + warning + "\""));
        ArtifactCache cache;
        try {
            cache = ArtifactCache.open(settings, Clock.systemUTC());
        } catch (DataFolderInUseException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
        WebServer server = server(config, cache).start();
        if (!server.isRunning() || server.port() < 0) { // another process took the port since the check
            server.stop();
            cache.close();
            err.println(PortCheck.inUse(port(config)));
            return Optional.empty();
        }
        cache.start();
        LOG.info("event=listening url=http://" + server.prototype().host() + ":" + server.port()
                + " home=" + cache.settings().home() + " data=" + cache.settings().dataFolder());
        return Optional.of(new Running(server, cache));
    }

    /**
     * Environment and system properties over the configuration file ({@code ARTIFACT_CACHE_CONFIG},
     * else {@code etc/application.yaml} of the working folder, if present).
     */
    static Config config() {
        return config(Map.of());
    }

    /** {@link #config()} with {@code overrides} (keys such as {@code server.port}) over everything else. */
    public static Config config(Map<String, String> overrides) {
        Path file = Path.of(Optional.ofNullable(System.getenv("ARTIFACT_CACHE_CONFIG")).orElse("etc/application.yaml"));
        return Config.builder()
                .disableSystemPropertiesSource()
                .disableEnvironmentVariablesSource()
                .sources(List.of(ConfigSources.create(overrides), ConfigSources.environmentVariables(),
                        ConfigSources.systemProperties(), ConfigSources.file(file).optional()))
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
                .host(DEFAULT_HOST)
                .port(DEFAULT_PORT)
                // Responses are written in several pieces (chunked JSON): with Nagle's algorithm the last
                // piece waits for the client's delayed ACK, 40 ms on Linux, for every listing page.
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .config(config.get("server"))
                // Malformed requests get api.md's error envelope, also from the HTTP layer itself (issue #12).
                .addProtocol(RequestChecks.http1())
                .directHandlers(TransportErrors.handlers())
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder().details(true).addChecks(CacheHealth.checks(cache)).build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(routing -> routing(routing, cache))
                .build();
    }

    /** The address the server listens on (and the client commands call by default). */
    public static String host(Config config) {
        return config.get("server.host").asString().orElse(DEFAULT_HOST);
    }

    /** The port the server listens on (and the client commands call by default); 0 picks a free one. */
    public static int port(Config config) {
        return config.get("server.port").asInt().orElse(DEFAULT_PORT);
    }

    /** The routes; tests run this same wiring. SkillMeat's cache routes come before any {collection_id} route. */
    static void routing(HttpRouting.Builder routing, ArtifactCache cache) {
        ErrorResponses.register(routing);
        routing.addFilter(new HttpAnswers(cache.metrics()));
        WriteGuard guard = WriteGuard.of(cache.settings(), cache.clock(), cache.metrics()::rateLimited);
        CollectionRoutes listing = new CollectionRoutes(cache);
        routing.register("/api/v1", guard.cors(), new SkillmeatCacheRoutes(cache, guard), new SyncRoutes(cache, guard),
                listing, new FacetValueRoutes(cache, listing), new SkillmeatReadRoutes(cache), new EditRoutes(cache, guard),
                new UserCollectionRoutes(cache, guard));
        routing.register(new CollectionPage());
    }
}
