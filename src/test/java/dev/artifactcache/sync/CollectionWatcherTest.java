package dev.artifactcache.sync;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.Settings;
import dev.artifactcache.TestHome;
import dev.artifactcache.index.SearchRequest;
import dev.artifactcache.store.ArtifactRow;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.artifactcache.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The file watcher on real folders: edits become syncs of just the artifacts they touch, without any call. */
class CollectionWatcherTest {

    @TempDir
    Path tmp;
    private TestHome home;
    private MutableClock clock;
    private Settings settings;
    private ArtifactCache cache;

    @BeforeEach
    void start() throws IOException {
        home = TestHome.fourArtifacts(tmp.resolve("home"));
        clock = new MutableClock(RunningService.START);
        settings = Settings.from(Config.just(ConfigSources.create(Map.of())),
                Map.of("SKILLMEAT_HOME", home.root().toString(), "ARTIFACT_CACHE_DATA", tmp.resolve("data").toString()));
        cache = ArtifactCache.open(settings, clock);
        cache.population().run();
        cache.watcher().start();
    }

    @AfterEach
    void stop() throws IOException {
        cache.close();
    }

    private Optional<ArtifactRow> indexed(String collection, String id) {
        return cache.index().get(collection, id);
    }

    private String description(String collection, String id) {
        return indexed(collection, id).map(row -> row.metadata().description()).orElse(null);
    }

    @Test
    void editedArtifactFileIsSearchable() {
        home.skill("default", "pdf-tools", "description: Extract text and tables from PDFs\n", "");

        await("the edit is in search", () -> cache.index().search(SearchRequest.builder().q("tables").build())
                .totalCount() == 1);
        assertEquals("Extract text and tables from PDFs", description("default", "skill:pdf-tools"));
    }

    @Test
    void newArtifactAppears() {
        home.skill("default", "terraform", "description: Plan and apply\n", "");

        await("the new artifact is indexed", () -> "Plan and apply".equals(description("default", "skill:terraform")));
    }

    @Test
    void deletedArtifactDisappears() throws IOException {
        deleteTree(home.collection("default").resolve("skills/kubernetes-architect"));
        home.remove("default", "skill:kubernetes-architect");

        await("the deleted artifact is gone", () -> indexed("default", "skill:kubernetes-architect").isEmpty());
        assertEquals(3, cache.index().documentCount());
    }

    @Test
    void deletedFileStillListedKeepsItsValuesWithTheError() throws IOException {
        Files.delete(home.collection("default").resolve("skills/kubernetes-architect/SKILL.md"));

        await("the missing file is recorded", () -> indexed("default", "skill:kubernetes-architect")
                .map(row -> row.metadata().syncError() != null).orElse(false));
        ArtifactRow row = indexed("default", "skill:kubernetes-architect").orElseThrow();
        assertEquals("skills/kubernetes-architect: the folder has no SKILL.md or skill.md", row.metadata().syncError());
        assertEquals("Design clusters", row.metadata().description());
    }

    @Test
    void manifestEditResyncsOnlyTheEntryItChanged() {
        clock.advance(Duration.ofMinutes(1));

        home.mcp("default", "github", "GitHub issues, pull requests and actions");

        await("the manifest edit is indexed", () -> "GitHub issues, pull requests and actions".equals(
                description("default", "mcp:github")));
        assertEquals(RunningService.START.plus(Duration.ofMinutes(1)), indexed("default", "mcp:github").orElseThrow().syncedAt());
        assertEquals(RunningService.START, indexed("default", "skill:pdf-tools").orElseThrow().syncedAt());
        assertEquals(RunningService.START, indexed("default", "skill:kubernetes-architect").orElseThrow().syncedAt());
    }

    @Test
    void fileChangedBeforeItsFolderWasWatchedIsSyncedOnceItIs() throws IOException {
        Instant populationStart = restartWithFilesDatedAnHourAgo();
        clock.advance(Duration.ofMinutes(1));

        // The file alone (TestHome.skill would write the manifest too); no watch yet.
        home.write("collections/default/skills/pdf-tools/SKILL.md", "---\ndescription: Extract text and tables from PDFs\n---\n");
        cache.watcher().start(populationStart);

        await("the edit made before the watch is indexed", () -> "Extract text and tables from PDFs".equals(
                description("default", "skill:pdf-tools")));
        assertEquals(RunningService.START.plus(Duration.ofMinutes(1)), indexed("default", "skill:pdf-tools").orElseThrow().syncedAt());
        assertEquals(RunningService.START, indexed("default", "skill:kubernetes-architect").orElseThrow().syncedAt());
    }

    @Test
    void manifestChangedBeforeItsFolderWasWatchedSyncsTheCollection() throws IOException {
        Instant populationStart = restartWithFilesDatedAnHourAgo();

        home.mcp("default", "github", "GitHub issues, pull requests and actions"); // no watch yet
        cache.watcher().start(populationStart);

        await("the manifest edit made before the watch is indexed", () -> "GitHub issues, pull requests and actions"
                .equals(description("default", "mcp:github")));
    }

    /**
     * Restarts the cache and runs its population without a watcher, the home's files dated before
     * it (so only what the test changes next is newer); returns when the population began.
     */
    private Instant restartWithFilesDatedAnHourAgo() throws IOException {
        cache.close();
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> files = Files.walk(home.root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, anHourAgo);
            }
        }
        cache = ArtifactCache.open(settings, clock);
        Instant populationStart = Instant.now();
        cache.population().run();
        return populationStart;
    }

    @Test
    void lockFileEditResyncsTheEntryItResolves() {
        home.write("collections/default/collection.lock", """
                [lock]
                version = "1.0.0"
                [lock.entries."pdf-tools::skill"]
                content_hash = "%s"
                fetched = "2026-01-02T09:05:00"
                resolved_version = "v1.3.0"
                """.formatted("a".repeat(64)));

        await("the lock's resolved version is indexed", () -> "v1.3.0".equals(indexed("default", "skill:pdf-tools")
                .map(row -> row.metadata().resolvedVersion()).orElse(null)));
    }

    @Test
    void newCollectionIsAddedAndRemovedCollectionIsRemoved() throws IOException {
        home.skill("fresh", "linter", "description: Lint it\n", "");
        await("the new collection is indexed", () -> "Lint it".equals(description("fresh", "skill:linter")));
        assertEquals(true, cache.catalog().contains("fresh"));

        deleteTree(home.collection("work"));
        await("the removed collection's documents are gone", () -> indexed("work", "skill:code-reviewer").isEmpty());
        assertEquals(false, cache.catalog().contains("work"));
    }

    @Test
    void watchingGoesOnAfterABrokenManifest() {
        home.write("collections/default/collection.toml", "[collection]\nname = \"default\"\n[[artifacts]\nname = 1\n");
        await("the manifest error is recorded", () -> cache.catalog().get("default")
                .map(state -> state.error() != null).orElse(false));
        assertEquals("Design clusters", description("default", "skill:kubernetes-architect"));

        home.mcp("default", "github", "Fixed and edited");

        await("the repaired manifest is synced", () -> "Fixed and edited".equals(description("default", "mcp:github")));
        await("the collection's error is cleared", () -> cache.catalog().get("default").orElseThrow().error() == null);
    }

    private static void deleteTree(Path top) throws IOException {
        try (var paths = Files.walk(top)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
