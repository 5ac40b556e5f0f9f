package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.Main;
import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.Settings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The server refuses to listen beyond loopback without a write token. */
class BindingCheckTest {

    private static final String REFUSAL = "Refusing to listen on 0.0.0.0 without a write token: it is not a loopback "
            + "address, so anyone who can reach it could change the cache. Set ARTIFACT_CACHE_TOKEN (or "
            + "security.write-token), or listen on 127.0.0.1 (server.host / SERVER_HOST).";

    @TempDir
    Path tmp;

    @Test
    void loopbackIsFineWithoutAToken() {
        assertEquals(Optional.empty(), BindingCheck.problem("127.0.0.1", null));
        assertEquals(Optional.empty(), BindingCheck.problem("localhost", null));
        assertEquals(Optional.empty(), BindingCheck.problem("::1", null));
    }

    @Test
    void anyOtherAddressNeedsAToken() {
        assertEquals(Optional.of(REFUSAL), BindingCheck.problem("0.0.0.0", null));
        assertEquals(Optional.empty(), BindingCheck.problem("0.0.0.0", "s3cret"));
        assertEquals(Optional.of("Refusing to listen on  without a write token: an empty host may mean every address, "
                + "so anyone who can reach it could change the cache. Set ARTIFACT_CACHE_TOKEN (or security.write-token), "
                + "or listen on 127.0.0.1 (server.host / SERVER_HOST)."), BindingCheck.problem("", null));
    }

    @Test
    void mainRefusesToBuildTheServerOnAllAddressesWithoutAToken() throws IOException {
        try (ArtifactCache cache = open(Map.of())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> Main.server(config(Map.of("server.host", "0.0.0.0")), cache));
            assertEquals(REFUSAL, refused.getMessage());
        }
        try (ArtifactCache cache = open(Map.of("security.write-token", "s3cret"))) {
            assertNotNull(Main.server(config(Map.of("server.host", "0.0.0.0", "security.write-token", "s3cret")), cache));
        }
    }

    private static Config config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("server.port", "0");
        return Config.just(ConfigSources.create(all));
    }

    private ArtifactCache open(Map<String, String> values) throws IOException {
        Settings settings = Settings.from(config(values), Map.of("SKILLMEAT_HOME", tmp.resolve("home").toString(),
                "ARTIFACT_CACHE_DATA", tmp.resolve("data-" + values.size()).toString()));
        return ArtifactCache.open(settings, new MutableClock(RunningService.START));
    }
}
