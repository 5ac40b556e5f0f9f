package dev.artifactcache.sync;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.MutableClock;
import dev.artifactcache.Settings;
import dev.artifactcache.TestHome;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A population that fails (here: the collections folder cannot be listed) is tried again until it succeeds. */
class PopulationRetryTest {

    @TempDir
    Path tmp;

    @Test
    void aFailedPopulationIsRetriedUntilItSucceeds() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path collections = home.resolve("collections");
        Files.createSymbolicLink(collections, collections); // "too many levels of symbolic links"
        Settings settings = Settings.from(Config.just(ConfigSources.create(Map.of())),
                Map.of("SKILLMEAT_HOME", home.toString(), "ARTIFACT_CACHE_DATA", tmp.resolve("data").toString()));
        AtomicInteger attempts = new AtomicInteger();
        try (ArtifactCache cache = ArtifactCache.open(settings, new MutableClock(Instant.parse("2026-11-20T10:00:00Z")))) {
            cache.population().runUntilDone(() -> {
                if (attempts.incrementAndGet() == 2) {
                    repair(collections, home);
                }
                return true;
            }, Duration.ofMillis(10));

            assertEquals(2, attempts.get());
            assertEquals(PopulationStatus.State.DONE, cache.population().status().state());
            assertEquals(3, cache.index().documentCount());
        }
    }

    private static void repair(Path collections, Path home) {
        try {
            Files.delete(collections);
            new TestHome(home).skills("default", 3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
