package dev.artifactcache;

import io.helidon.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
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
 */
public record Settings(Path home, Path dataFolder, Duration ttl, String jdbcUrl, String dbUser, String dbPassword,
                       String writeToken) {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);

    public static Settings from(Config config, Map<String, String> env) {
        Path home = path(env.get("SKILLMEAT_HOME"), config.get("collections.home").asString().asOptional(),
                Path.of(System.getProperty("user.home"), ".skillmeat"));
        Path data = path(env.get("ARTIFACT_CACHE_DATA"), config.get("cache.data").asString().asOptional(),
                Path.of("index")).toAbsolutePath().normalize();
        Duration ttl = config.get("cache.ttl").asString().map(Settings::duration).orElse(DEFAULT_TTL);
        String url = config.get("db.connection.url").asString()
                .orElse("jdbc:h2:file:" + data.resolve("artifact-cache") + ";DB_CLOSE_ON_EXIT=FALSE");
        String user = config.get("db.connection.username").asString().orElse("sa");
        String password = config.get("db.connection.password").asString().orElse("");
        String token = Optional.ofNullable(env.get("ARTIFACT_CACHE_TOKEN"))
                .or(() -> config.get("security.write-token").asString().asOptional())
                .filter(value -> !value.isBlank())
                .orElse(null);
        return new Settings(home, data, ttl, url, user, password, token);
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
    static Duration duration(String text) {
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
            throw new IllegalArgumentException("cache.ttl \"" + text + "\" is not a duration; write e.g. 30m, 90s, 2h or PT30M");
        }
    }
}
