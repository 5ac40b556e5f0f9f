package dev.artifactcache.cli;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Option defaults from the service's configuration: where a client finds the service, the token, serve's values. */
class ConfiguredDefaultsTest {

    private static String defaultOf(String option, Map<String, String> config, Map<String, String> env) {
        return new ConfiguredDefaults(() -> Config.just(ConfigSources.create(config)), env)
                .defaultValue(OptionSpec.builder(option).build());
    }

    @Test
    void theClientCallsWhereTheServiceListens() {
        assertEquals("http://127.0.0.1:8080", defaultOf("--server", Map.of(), Map.of()));
        assertEquals("http://10.1.2.3:9090", defaultOf("--server", Map.of("server.host", "10.1.2.3", "server.port", "9090"), Map.of()));
        assertEquals("http://127.0.0.1:8080", defaultOf("--server", Map.of("server.host", "0.0.0.0"), Map.of()));
        assertEquals("http://[::1]:8080", defaultOf("--server", Map.of("server.host", "::"), Map.of()));
        assertEquals("http://[fe80::1]:8080", defaultOf("--server", Map.of("server.host", "fe80::1"), Map.of()));
    }

    @Test
    void theTokenComesFromTheEnvironmentBeforeTheFile() {
        assertNull(defaultOf("--token", Map.of(), Map.of()));
        assertEquals("from-file", defaultOf("--token", Map.of("security.write-token", "from-file"), Map.of()));
        assertEquals("from-env", defaultOf("--token", Map.of("security.write-token", "from-file"),
                Map.of("ARTIFACT_CACHE_TOKEN", "from-env")));
    }

    @Test
    void serveShowsTheValuesTheServiceWouldUse() {
        assertEquals("/srv/skillmeat", defaultOf("--home", Map.of("collections.home", "/srv/skillmeat"), Map.of()));
        assertEquals("/env/home", defaultOf("--home", Map.of("collections.home", "/srv/skillmeat"), Map.of("SKILLMEAT_HOME", "/env/home")));
        assertEquals("/var/cache/ac", defaultOf("--data", Map.of("cache.data", "/var/cache/ac"), Map.of()));
        assertEquals("8080", defaultOf("--port", Map.of(), Map.of()));
        assertNull(defaultOf("--collection", Map.of(), Map.of()));
    }

    @Test
    void aWrongConfigurationIsAUsageErrorNamingTheSetting() {
        CommandFailure failure = assertThrows(CommandFailure.class, () -> defaultOf("--token", Map.of("cache.ttl", "bogus"), Map.of()));

        assertEquals(ExitStatus.USAGE, failure.exitStatus());
        assertEquals("the configuration (ARTIFACT_CACHE_CONFIG, else etc/application.yaml, and the environment) is wrong: "
                + "cache.ttl \"bogus\" is not a duration; write e.g. 30m, 90s, 2h or PT30M", failure.getMessage());
    }
}
