package dev.artifactcache.sync;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.MutableClock;
import dev.artifactcache.Settings;
import dev.artifactcache.TestHome;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.store.ArtifactChange;
import dev.artifactcache.store.ArtifactRow;
import dev.artifactcache.store.ArtifactStore;
import dev.artifactcache.store.ChangeSet;
import dev.artifactcache.store.CollectionState;
import dev.artifactcache.store.Database;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index is a projection of H2: whatever happened to it, a start brings it back in step. */
class RecoveryTest {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path tmp;
    private Settings settings;

    @BeforeEach
    void populate() throws IOException {
        TestHome home = new TestHome(tmp.resolve("home"));
        for (int i = 0; i < 12; i++) {
            home.skill(i % 3 == 0 ? "work" : "default", "skill-" + i, "description: Skill number " + i + "\n", "");
        }
        settings = Settings.from(Config.just(ConfigSources.create(Map.of())),
                Map.of("SKILLMEAT_HOME", home.root().toString(), "ARTIFACT_CACHE_DATA", tmp.resolve("data").toString()));
        try (ArtifactCache cache = open()) {
            cache.population().run();
            assertEquals(12, cache.index().documentCount());
        }
    }

    private ArtifactCache open() throws IOException {
        return ArtifactCache.open(settings, new MutableClock(START));
    }

    @Test
    void rowsAheadOfTheIndexAreReplayedAtStart() throws IOException {
        DbClient db = Database.open(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
        ArtifactStore store = new ArtifactStore(db);
        ArtifactRow changed = store.rows("default").get("skill:skill-1");
        ArtifactMetadata m = changed.metadata();
        ArtifactMetadata edited = new ArtifactMetadata(m.collection(), m.id(), m.title(), m.source(), m.origin(),
                m.originSource(), m.versionSpec(), m.resolvedSha(), m.resolvedVersion(), m.version(),
                "Written to H2 only", m.author(), m.license(), m.tags(), m.tools(), m.contentHash(), null, false, m.added());
        ArtifactRow gone = store.rows("default").get("skill:skill-2");
        Instant later = START.plusSeconds(60);
        store.write(new ChangeSet("default", List.of(
                new ArtifactChange(new ArtifactRow("default", changed.id(), edited, later, later, 0, false), true),
                new ArtifactChange(new ArtifactRow("default", gone.id(), null, later, later, 0, true), true),
                new ArtifactChange(new ArtifactRow("default", "agent:new", new ArtifactMetadata("default",
                        ArtifactId.parse("agent:new"), null, null, "local", null, null, null, null, null, "New agent",
                        null, null, List.of(), List.of(), null, null, false, null), later, later, 0, false), false)),
                List.of(), later, new CollectionState("default", null, later)));
        db.close();

        try (ArtifactCache cache = open()) {
            assertFalse(cache.index().needsRebuild());
            assertEquals(cache.store().maxSeq() - 3, cache.index().appliedSeq());
            cache.mirror().recover();

            assertEquals("Written to H2 only", cache.index().get("default", "skill:skill-1").orElseThrow().metadata().description());
            assertTrue(cache.index().get("default", "skill:skill-2").isEmpty());
            assertEquals("New agent", cache.index().get("default", "agent:new").orElseThrow().metadata().description());
            assertInStep(cache);
        }
    }

    @Test
    void deletedIndexIsRebuilt() throws IOException {
        deleteTree(settings.dataFolder().resolve("lucene"));
        try (ArtifactCache cache = open()) {
            assertTrue(cache.index().needsRebuild());
            assertEquals(0, cache.index().documentCount());
            cache.mirror().recover();
            assertInStep(cache);
        }
    }

    @Test
    void corruptedIndexIsRebuilt() throws IOException {
        try (Stream<Path> files = Files.walk(settings.dataFolder().resolve("lucene"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        try (ArtifactCache cache = open()) {
            assertTrue(cache.index().needsRebuild());
            cache.population().run();
            assertInStep(cache);
        }
    }

    @Test
    void warmRestartHasNothingToReplay() throws IOException {
        try (ArtifactCache cache = open()) {
            assertFalse(cache.index().needsRebuild());
            assertEquals(cache.store().maxSeq(), cache.index().appliedSeq());
            assertEquals(12, cache.index().documentCount());
        }
    }

    /** H2's live rows and the index documents agree one to one, value for value. */
    private static void assertInStep(ArtifactCache cache) {
        long rows = 0;
        for (Iterator<ArtifactRow> live = cache.store().liveRows(5); live.hasNext(); rows++) {
            ArtifactRow row = live.next();
            ArtifactRow doc = cache.index().get(row.collection(), row.id()).orElseThrow(() -> new AssertionError("no document for " + row.key()));
            assertEquals(row.metadata(), doc.metadata(), row.key());
            assertEquals(row.syncedAt(), doc.syncedAt(), row.key());
            assertEquals(row.updatedAt(), doc.updatedAt(), row.key());
        }
        assertEquals(rows, cache.index().documentCount());
        assertEquals(cache.store().maxSeq(), cache.index().appliedSeq());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
