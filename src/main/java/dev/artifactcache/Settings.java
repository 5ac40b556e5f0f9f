package dev.artifactcache;

import dev.artifactcache.store.EmbeddedH2;
import io.helidon.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service's settings: the configuration file, overridden by the environment variables users
 * know from SkillMeat ({@code SKILLMEAT_HOME}) and our own ({@code ARTIFACT_CACHE_*}).
 *
 * @param home        the SkillMeat home, holding config.toml and collections/
 * @param dataFolder  where the H2 file and the Lucene index live
 * @param ttl         how long a document stays fresh after its files were checked
 * @param jdbcUrl     the database; by default an H2 file in the data folder
 * @param dbUser      database user
 * @param dbPassword  database password
 * @param writeToken  bearer token that write routes require, or null for none
 * @param background  how the background keeps documents fresh: refresher and file watcher
 * @param batchLimit  how often one client may call the batch write routes
 * @param allowedOrigins the web origins (scheme://host[:port]) whose pages may call the API from a browser
 * @param nodes       the intervals of several nodes on one database
 */
public record Settings(Path home, Path dataFolder, Duration ttl, String jdbcUrl, String dbUser, String dbPassword,
                       String writeToken, Background background, BatchLimit batchLimit, List<String> allowedOrigins,
                       Nodes nodes) {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    /** SkillMeat's web app as its documentation runs it (next dev on port 3000). */
    public static final List<String> DEFAULT_ALLOWED_ORIGINS = List.of("http://localhost:3000", "http://127.0.0.1:3000");

    public Settings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * @param refreshInterval how often the refresher looks for stale documents
     * @param refreshBatch    stale documents re-synced per write transaction, 1..1000
     * @param watchFiles      whether a file watcher turns edits in the home into syncs
     */
    public record Background(Duration refreshInterval, int refreshBatch, boolean watchFiles) {

        public static final Background DEFAULT = new Background(Duration.ofMinutes(1), 500, true);

        public Background {
            if (refreshInterval.isNegative() || refreshInterval.isZero()) {
                throw new IllegalArgumentException("cache.refresh.interval must be positive, got " + refreshInterval);
            }
            if (refreshBatch < 1 || refreshBatch > 1000) {
                throw new IllegalArgumentException("cache.refresh.batch must be from 1 to 1000, got " + refreshBatch);
            }
        }
    }

    /**
     * A token bucket per client on the batch write routes.
     *
     * @param perMinute tokens added per minute; 0 turns the limit off
     * @param burst     the bucket's size: calls a rested client may make at once
     */
    public record BatchLimit(int perMinute, int burst) {

        public static final BatchLimit DEFAULT = new BatchLimit(6, 2);

        public BatchLimit {
            if (perMinute < 0 || burst < 1) {
                throw new IllegalArgumentException("security.rate-limit needs per-minute >= 0 and burst >= 1, got "
                        + perMinute + " and " + burst);
            }
        }
    }

    public static Settings from(Config config, Map<String, String> env) {
        Path home = path(env.get("SKILLMEAT_HOME"), config.get("collections.home").asString().asOptional(),
                Path.of(System.getProperty("user.home"), ".skillmeat"));
        Path data = path(env.get("ARTIFACT_CACHE_DATA"), config.get("cache.data").asString().asOptional(),
                Path.of("index")).toAbsolutePath().normalize();
        Duration ttl = config.get("cache.ttl").asString().map(text -> duration("cache.ttl", text)).orElse(DEFAULT_TTL);
        String url = config.get("db.connection.url").asString()
                .orElse(EmbeddedH2.url(data));
        String user = config.get("db.connection.username").asString().orElse("sa");
        String password = config.get("db.connection.password").asString().orElse("");
        String token = Optional.ofNullable(env.get("ARTIFACT_CACHE_TOKEN"))
                .or(() -> config.get("security.write-token").asString().asOptional())
                .filter(value -> !value.isBlank())
                .orElse(null);
        return new Settings(home, data, ttl, url, user, password, token, background(config), batchLimit(config),
                allowedOrigins(config), Nodes.from(config));
    }

    /**
     * Several nodes on one database (README, "Several nodes").
     *
     * @param tailPoll     how often a node's tailer looks for changes without a notification (one lost on a reconnect)
     * @param lease        how long the ingester's lease lasts unrenewed: a dead ingester is replaced this much later
     * @param leaseRenewal how often the ingester renews its lease; shorter than the lease
     * @param replicaCheck how often a node compares its index with the live rows
     */
    public record Nodes(Duration tailPoll, Duration lease, Duration leaseRenewal, Duration replicaCheck) {

        public static final Nodes DEFAULT = new Nodes(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(30));

        public Nodes {
            positive("cache.nodes.tail-poll", tailPoll);
            positive("cache.nodes.lease", lease);
            positive("cache.nodes.lease-renewal", leaseRenewal);
            positive("cache.nodes.replica-check", replicaCheck);
            if (leaseRenewal.compareTo(lease) >= 0) {
                throw new IllegalArgumentException("cache.nodes.lease-renewal must be shorter than cache.nodes.lease, got "
                        + leaseRenewal + " and " + lease);
            }
        }

        static Nodes from(Config config) {
            return new Nodes(setting(config, "cache.nodes.tail-poll", DEFAULT.tailPoll),
                    setting(config, "cache.nodes.lease", DEFAULT.lease),
                    setting(config, "cache.nodes.lease-renewal", DEFAULT.leaseRenewal),
                    setting(config, "cache.nodes.replica-check", DEFAULT.replicaCheck));
        }

        private static Duration setting(Config config, String key, Duration fallback) {
            return config.get(key).asString().map(text -> duration(key, text)).orElse(fallback);
        }

        private static void positive(String setting, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(setting + " must be positive, got " + value);
            }
        }
    }

    /** A comma list; an empty value allows no other origin. */
    private static List<String> allowedOrigins(Config config) {
        return config.get("security.cors.allowed-origins").asString()
                .map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(o -> !o.isEmpty())
                        .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).toList())
                .orElse(DEFAULT_ALLOWED_ORIGINS);
    }

    private static Background background(Config config) {
        Background defaults = Background.DEFAULT;
        return new Background(
                config.get("cache.refresh.interval").asString().map(text -> duration("cache.refresh.interval", text))
                        .orElse(defaults.refreshInterval()),
                config.get("cache.refresh.batch").asInt().orElse(defaults.refreshBatch()),
                config.get("cache.watch").asBoolean().orElse(defaults.watchFiles()));
    }

    private static BatchLimit batchLimit(Config config) {
        return new BatchLimit(config.get("security.rate-limit.per-minute").asInt().orElse(BatchLimit.DEFAULT.perMinute()),
                config.get("security.rate-limit.burst").asInt().orElse(BatchLimit.DEFAULT.burst()));
    }

    private static Path path(String fromEnv, Optional<String> fromConfig, Path fallback) {
        String value = fromEnv != null && !fromEnv.isBlank() ? fromEnv : fromConfig.orElse(null);
        if (value == null) {
            return fallback;
        }
        if (value.equals("~") || value.startsWith("~/")) {
            value = System.getProperty("user.home") + value.substring(1);
        }
        return Path.of(value);
    }

    /**
     * Reads {@code PT30M} (ISO-8601) or the short forms {@code 90s}, {@code 30m}, {@code 2h}.
     *
     * @throws IllegalArgumentException naming the setting when the value is neither
     */
    static Duration duration(String setting, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            };
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(setting + " \"" + text + "\" is not a duration; write e.g. 30m, 90s, 2h or PT30M");
        }
    }
}
