package dev.artifactcache.sync;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.Settings;
import dev.artifactcache.TestHome;
import dev.artifactcache.store.ArtifactRow;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * De-duplication of stale-while-revalidate, made deterministic by an executor that only queues
 * the drains, so the test decides when they run.
 */
class StaleRevalidatorTest {

    private static final Instant LATER = RunningService.START.plus(Duration.ofMinutes(31));

    @TempDir
    Path tmp;
    private MutableClock clock;
    private ArtifactCache cache;
    private final List<Runnable> drains = new ArrayList<>();
    private StaleRevalidator revalidator;

    @BeforeEach
    void populate() throws IOException {
        TestHome home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: PDFs\n", "")
                .mcp("default", "github", "GitHub");
        clock = new MutableClock(RunningService.START);
        Settings settings = Settings.from(Config.just(ConfigSources.create(Map.of())),
                Map.of("SKILLMEAT_HOME", home.root().toString(), "ARTIFACT_CACHE_DATA", tmp.resolve("data").toString()));
        cache = ArtifactCache.open(settings, clock);
        cache.population().run();
        revalidator = new StaleRevalidator(cache.batches(), drains::add);
    }

    @AfterEach
    void close() throws IOException {
        cache.close();
    }

    private List<ArtifactRow> rows() {
        return List.of(cache.index().get("default", "skill:pdf-tools").orElseThrow(),
                cache.index().get("default", "mcp:github").orElseThrow());
    }

    private Instant staleBefore() {
        return clock.instant().minus(Settings.DEFAULT_TTL);
    }

    @Test
    void manyReadsOfTheSameStaleDocumentsQueueOneResyncEach() {
        clock.advance(Duration.ofMinutes(31));

        for (int read = 0; read < 5; read++) {
            revalidator.offer(rows(), staleBefore());
        }

        assertEquals(1, drains.size(), "one drain for all reads");
        assertEquals(2, revalidator.pendingCount(), "one pending re-sync per artifact");
        drains.removeFirst().run();
        assertEquals(2, revalidator.resyncedCount());
        assertEquals(0, revalidator.pendingCount());
        rows().forEach(row -> assertEquals(LATER, row.syncedAt()));

        revalidator.offer(rows(), staleBefore());
        assertEquals(0, drains.size(), "fresh again: nothing to do");
    }

    @Test
    void freshDocumentsAreNeverQueued() {
        revalidator.offer(rows(), staleBefore());

        assertEquals(0, drains.size());
        assertEquals(0, revalidator.pendingCount());
    }
}
