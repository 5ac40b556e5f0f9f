package dev.artifactcache;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The intervals of several nodes (README, "Several nodes"): defaults, configured values, and each refusal. */
class NodeSettingsTest {

    private static Settings.Nodes nodes(Map<String, String> config) {
        return Settings.from(Config.just(ConfigSources.create(config)), Map.of()).nodes();
    }

    private static String refusal(Map<String, String> config) {
        return assertThrows(IllegalArgumentException.class, () -> nodes(config)).getMessage();
    }

    @Test
    void defaults() {
        assertEquals(new Settings.Nodes(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(30)), nodes(Map.of()));
    }

    @Test
    void configuredValues() {
        assertEquals(new Settings.Nodes(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(2),
                        Duration.ofMinutes(2)),
                nodes(Map.of("cache.nodes.tail-poll", "PT0.5S", "cache.nodes.lease", "10s",
                        "cache.nodes.lease-renewal", "2s", "cache.nodes.replica-check", "2m")));
    }

    @Test
    void everyIntervalMustBePositive() {
        assertEquals("cache.nodes.tail-poll must be positive, got PT0S", refusal(Map.of("cache.nodes.tail-poll", "0s")));
        assertEquals("cache.nodes.lease must be positive, got PT-5S", refusal(Map.of("cache.nodes.lease", "-5s")));
        assertEquals("cache.nodes.lease-renewal must be positive, got PT0S",
                refusal(Map.of("cache.nodes.lease-renewal", "PT0S")));
        assertEquals("cache.nodes.replica-check must be positive, got PT0S",
                refusal(Map.of("cache.nodes.replica-check", "0m")));
    }

    @Test
    void theRenewalMustComeBeforeTheLeaseRunsOut() {
        assertEquals("cache.nodes.lease-renewal must be shorter than cache.nodes.lease, got PT5S and PT5S",
                refusal(Map.of("cache.nodes.lease-renewal", "5s")));
        assertEquals("cache.nodes.lease-renewal must be shorter than cache.nodes.lease, got PT3S and PT2S",
                refusal(Map.of("cache.nodes.lease", "2s", "cache.nodes.lease-renewal", "3s")));
    }

    @Test
    void aValueThatIsNoDurationIsNamed() {
        assertEquals("cache.nodes.lease \"soon\" is not a duration; write e.g. 30m, 90s, 2h or PT30M",
                refusal(Map.of("cache.nodes.lease", "soon")));
    }
}
