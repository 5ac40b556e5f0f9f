package dev.artifactcache.sync;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.MutableClock;
import dev.artifactcache.Settings;
import dev.artifactcache.TestHome;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactMetadata;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one write path end to end: real files, real H2, real Lucene. */
class PipelineTest {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path tmp;
    private TestHome home;
    private MutableClock clock;
    private ArtifactCache cache;

    @BeforeEach
    void populate() throws IOException {
        home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", """
                        description: Extract text from PDFs
                        allowed-tools: Read Bash(pdftotext:*)
                        tags: [pdf]
                        """, "# PDF tools\n")
                .skill("default", "kubernetes-architect", "description: Design clusters\n", "")
                .mcp("default", "github", "GitHub issues and pull requests")
                .skill("work", "code-reviewer", "description: Review diffs\n", "");
        clock = new MutableClock(START);
        cache = open();
        cache.population().run();
    }

    private ArtifactCache open() throws IOException {
        Settings settings = Settings.from(Config.just(ConfigSources.create(Map.of())),
                Map.of("SKILLMEAT_HOME", home.root().toString(), "ARTIFACT_CACHE_DATA", tmp.resolve("data").toString()));
        return ArtifactCache.open(settings, clock);
    }

    @AfterEach
    void close() throws IOException {
        cache.close();
    }

    private SyncReport syncAll(String collection) {
        return cache.synchronizer().sync(collection, Selection.ALL);
    }

    private ArtifactRow indexed(String collection, String id) {
        return cache.index().get(collection, id).orElseThrow();
    }

    @Test
    void populationWritesEveryArtifactToH2AndTheIndex() {
        assertEquals(PopulationStatus.State.DONE, cache.population().status().state());
        assertEquals(4, cache.store().liveCount());
        assertEquals(4, cache.index().documentCount());
        assertEquals(cache.store().maxSeq(), cache.index().appliedSeq());

        ArtifactMetadata pdf = indexed("default", "skill:pdf-tools").metadata();
        assertEquals("Extract text from PDFs", pdf.description());
        assertEquals(List.of("docs", "pdf"), pdf.tags());
        assertEquals(List.of("Read", "Bash"), pdf.tools());
        assertEquals("github", pdf.origin());
        assertEquals("https://github.com/acme/agent-skills/tree/3f2a/skills/pdf-tools", pdf.source());
        assertEquals(Instant.parse("2026-01-15T10:30:00.123456Z"), pdf.added());
        assertEquals(START, indexed("default", "skill:pdf-tools").syncedAt());

        ArtifactMetadata mcp = indexed("default", "mcp:github").metadata();
        assertEquals("GitHub issues and pull requests", mcp.description());
        assertEquals(List.of("mcp__github__query"), mcp.tools());
        assertEquals(List.of("default", "work"), cache.catalog().all().stream().map(s -> s.name()).toList());
    }

    @Test
    void aSyncOfAWholeCollectionWritesItsRowsInIdOrderWhateverTheManifestOrder() {
        // The manifest lists pdf-tools, kubernetes-architect, github; the seq shows the write order.
        long github = indexed("default", "mcp:github").seq();
        long kubernetes = indexed("default", "skill:kubernetes-architect").seq();
        long pdf = indexed("default", "skill:pdf-tools").seq();

        assertTrue(github < kubernetes && kubernetes < pdf, github + " " + kubernetes + " " + pdf);
    }

    @Test
    void editedFileIsUpdatedInBothStores() {
        home.skill("default", "pdf-tools", "description: Extract text and tables from PDFs\n", "");
        clock.advance(Duration.ofMinutes(1));

        SyncReport report = syncAll("default");

        assertEquals(1, report.count(Outcome.UPDATED));
        assertEquals(2, report.count(Outcome.UNCHANGED));
        assertEquals("Extract text and tables from PDFs",
                cache.store().rows("default").get("skill:pdf-tools").metadata().description());
        ArtifactRow doc = indexed("default", "skill:pdf-tools");
        assertEquals("Extract text and tables from PDFs", doc.metadata().description());
        assertEquals(START.plus(Duration.ofMinutes(1)), doc.updatedAt());
    }

    @Test
    void unchangedResyncMovesOnlySyncedAt() {
        ArtifactRow before = cache.store().rows("default").get("skill:kubernetes-architect");
        long seqBefore = cache.store().maxSeq();
        clock.advance(Duration.ofMinutes(45));

        SyncReport report = cache.synchronizer().sync("default", Selection.of(List.of(ArtifactId.parse("skill:kubernetes-architect"))));

        assertEquals(Outcome.UNCHANGED, report.results().getFirst().outcome());
        ArtifactRow after = cache.store().rows("default").get("skill:kubernetes-architect");
        assertEquals(before.metadata(), after.metadata());
        assertEquals(before.seq(), after.seq());
        assertEquals(before.updatedAt(), after.updatedAt());
        assertEquals(START.plus(Duration.ofMinutes(45)), after.syncedAt());
        // The row keeps its seq; the touch takes one of its own so that every replica applies it.
        assertEquals(seqBefore + 1, cache.store().maxSeq());
        assertEquals(seqBefore + 1, cache.index().appliedSeq());
        assertEquals(START.plus(Duration.ofMinutes(45)), indexed("default", "skill:kubernetes-architect").syncedAt());
        assertEquals(START, indexed("default", "mcp:github").syncedAt());
    }

    private static final List<ArtifactId> PDF_TOOLS = List.of(ArtifactId.parse("skill:pdf-tools"));

    /**
     * An edit of pdf-tools seen by the watcher at 10:01, which sync-artifact syncs first, at
     * 10:01:00.050; returns the watcher's moment.
     */
    private Instant editSeenByTheWatcherThenSynced() {
        home.skill("default", "pdf-tools", "description: Extract text and tables from PDFs\n", "");
        clock.advance(Duration.ofMinutes(1));
        Instant seen = cache.synchronizer().now();
        clock.advance(Duration.ofMillis(50));
        assertEquals(Outcome.UPDATED, cache.synchronizer().sync("default", Selection.of(PDF_TOOLS)).results().getFirst().outcome());
        return seen;
    }

    @Test
    void watcherResyncOfAnEditAlreadySyncedWritesNothing() {
        Instant seen = editSeenByTheWatcherThenSynced();
        ArtifactRow synced = cache.store().rows("default").get("skill:pdf-tools");
        long seqAfterEdit = cache.store().maxSeq();
        clock.advance(Duration.ofMillis(25));

        SyncReport watcher = cache.synchronizer().syncChanged("default", Selection.of(PDF_TOOLS), seen);

        assertEquals(Outcome.UNCHANGED, watcher.results().getFirst().outcome());
        assertEquals(synced, cache.store().rows("default").get("skill:pdf-tools"));
        assertEquals(seqAfterEdit, cache.store().maxSeq());
        assertEquals(seqAfterEdit, cache.index().appliedSeq());
        assertEquals(START.plus(Duration.ofMinutes(1)).plusMillis(50), indexed("default", "skill:pdf-tools").syncedAt());
    }

    @Test
    void watcherResyncOfAFileEditedAgainAfterTheOtherSyncReadItUpdates() {
        // A second edit joins the watcher's batch after sync-artifact read the first.
        Instant seen = editSeenByTheWatcherThenSynced();
        clock.advance(Duration.ofMillis(25));
        home.skill("default", "pdf-tools", "description: Extract text, tables and forms from PDFs\n", "");

        SyncReport watcher = cache.synchronizer().syncChanged("default", Selection.of(PDF_TOOLS), seen);

        assertEquals(Outcome.UPDATED, watcher.results().getFirst().outcome());
        assertEquals("Extract text, tables and forms from PDFs", indexed("default", "skill:pdf-tools").metadata().description());
    }

    @Test
    void singleSyncOfARowAnotherSyncCheckedMeanwhileWritesNothing() throws Exception {
        home.skill("default", "pdf-tools", "description: Extract text and tables from PDFs\n", "");
        clock.advance(Duration.ofMinutes(1));
        List<ArtifactId> ids = List.of(ArtifactId.parse("skill:pdf-tools"));
        SyncReport[] waited = new SyncReport[1];
        Thread asked = cache.synchronizer().underWriteLock(() -> {
            // Asked for at 10:01, it waits for the lock while another sync (the watcher's) takes the edit.
            Thread thread = Thread.ofPlatform().start(() -> waited[0] = cache.synchronizer().sync("default", Selection.of(ids)));
            while (thread.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            clock.advance(Duration.ofMillis(10));
            assertEquals(Outcome.UPDATED, cache.synchronizer().sync("default", Selection.of(ids)).results().getFirst().outcome());
            return thread;
        });
        long seqAfterEdit = cache.store().maxSeq();
        asked.join();

        ArtifactResult result = waited[0].results().getFirst();
        assertEquals(Outcome.UNCHANGED, result.outcome());
        Instant checked = START.plus(Duration.ofMinutes(1)).plusMillis(10);
        assertEquals(checked, result.row().syncedAt());
        assertEquals(checked, cache.store().rows("default").get("skill:pdf-tools").syncedAt());
        assertEquals(seqAfterEdit, cache.store().maxSeq());
        assertEquals(seqAfterEdit, cache.index().appliedSeq());
    }

    @Test
    void watcherResyncOfARowCheckedBeforeTheChangeWasSeenStillRecordsTheCheck() {
        long seqBefore = cache.store().maxSeq();
        clock.advance(Duration.ofMinutes(1));
        Instant seen = cache.synchronizer().now();
        clock.advance(Duration.ofMillis(75));

        SyncReport watcher = cache.synchronizer().syncChanged("default",
                Selection.of(List.of(ArtifactId.parse("skill:pdf-tools"))), seen);

        assertEquals(Outcome.UNCHANGED, watcher.results().getFirst().outcome());
        Instant checked = START.plus(Duration.ofMinutes(1)).plusMillis(75);
        assertEquals(checked, cache.store().rows("default").get("skill:pdf-tools").syncedAt());
        assertEquals(seqBefore + 1, cache.store().maxSeq());
        assertEquals(checked, indexed("default", "skill:pdf-tools").syncedAt());
    }

    @Test
    void artifactRemovedFromTheManifestIsDeletedFromBothStores() {
        home.remove("default", "mcp:github");

        SyncReport report = syncAll("default");

        assertEquals(1, report.count(Outcome.DELETED));
        assertEquals(List.of("skill:kubernetes-architect", "skill:pdf-tools"),
                cache.store().liveIds("default").stream().sorted().toList());
        assertTrue(cache.index().get("default", "mcp:github").isEmpty());
        assertEquals(3, cache.index().documentCount());
    }

    @Test
    void collectionGoneFromDiskIsRemoved() throws IOException {
        try (var files = Files.walk(home.collection("work"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }

        SyncReport report = syncAll("work");

        assertFalse(report.collectionFound());
        assertEquals(1, report.count(Outcome.DELETED));
        assertFalse(cache.catalog().contains("work"));
        assertTrue(cache.index().get("work", "skill:code-reviewer").isEmpty());
        assertEquals(List.of("default"), cache.store().collections().stream().map(s -> s.name()).toList());
    }

    @Test
    void brokenManifestKeepsTheCacheAndNamesFileAndLine() {
        home.write("collections/default/collection.toml", "[collection]\nname = \"default\"\n[[artifacts]\nname = 1\n");

        SyncReport report = syncAll("default");

        assertTrue(report.manifestError().contains("collection.toml"), report.manifestError());
        assertTrue(report.manifestError().contains("line 3"), report.manifestError());
        assertEquals("Extract text from PDFs", indexed("default", "skill:pdf-tools").metadata().description());
        assertEquals(4, cache.index().documentCount());
        assertEquals(3, cache.store().liveIds("default").size());
        assertEquals(report.manifestError(), cache.catalog().get("default").orElseThrow().error());
    }

    @Test
    void brokenArtifactFailsAloneAndKeepsItsLastGoodValues() throws IOException {
        Files.delete(home.collection("default").resolve("skills/pdf-tools/SKILL.md"));
        home.skill("default", "new-skill", "description: Fresh\n", "");

        SyncReport report = syncAll("default");

        assertEquals(1, report.count(Outcome.FAILED));
        assertEquals(1, report.count(Outcome.CREATED));
        assertEquals("skill:pdf-tools", report.errors().getFirst().artifactId());
        ArtifactMetadata kept = indexed("default", "skill:pdf-tools").metadata();
        assertEquals("Extract text from PDFs", kept.description());
        assertTrue(kept.failed());
        assertTrue(kept.syncError().contains("SKILL.md"), kept.syncError());
        assertEquals("Fresh", indexed("default", "skill:new-skill").metadata().description());
    }

    @Test
    void idNotInTheManifestFailsWithAReason() {
        SyncReport report = cache.synchronizer().sync("default", Selection.of(List.of(ArtifactId.parse("agent:nobody"))));

        ArtifactResult result = report.results().getFirst();
        assertEquals(Outcome.FAILED, result.outcome());
        assertNull(result.row());
        assertEquals("agent:nobody is not in collection.toml of collection \"default\"", result.error());
    }
}
