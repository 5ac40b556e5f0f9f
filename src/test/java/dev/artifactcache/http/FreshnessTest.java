package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import dev.artifactcache.sync.BatchReport;
import dev.artifactcache.sync.Outcome;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.artifactcache.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TTL per document: stale flags, stale-while-revalidate on reads, and the periodic refresher. */
class FreshnessTest {

    private static final Duration PAST_TTL = Duration.ofMinutes(31);

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;

    @BeforeEach
    void start() {
        home = TestHome.fourArtifacts(tmp.resolve("home"));
        service = RunningService.start(home, tmp.resolve("data"), Map.of("cache.refresh.batch", "2"));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private int staleCount(String collection) {
        return service.getJson("/api/v1/user-collections/cache-stats?collection_id=" + collection).getInt("stale_count");
    }

    @Test
    void listingOfStaleDocumentsAnswersAtOnceThenRevalidatesThem() {
        service.clock().advance(PAST_TTL);

        JsonObject page = service.getJson("/api/v1/user-collections/default/artifacts");

        assertEquals(List.of(true, true, true), page.getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getBoolean("stale")).toList());
        assertEquals(3, page.getJsonObject("freshness").getInt("stale_count"));
        await("the listed documents are re-synced", () -> staleCount("default") == 0);
        JsonObject after = service.getJson("/api/v1/user-collections/default/artifacts");
        after.getJsonArray("items").forEach(item -> {
            assertEquals(false, item.asJsonObject().getBoolean("stale"));
            assertEquals("2026-11-20T10:31:00Z", item.asJsonObject().getString("synced_at"));
        });
        assertEquals(1, staleCount("work"), "only what was read is revalidated");
    }

    @Test
    void readOfOneStaleArtifactRevalidatesIt() {
        home.skill("work", "code-reviewer", "description: Review diffs and suggest fixes\n", "");
        service.clock().advance(PAST_TTL);

        JsonObject item = service.getJson("/api/v1/user-collections/work/artifacts/skill:code-reviewer");

        assertEquals(true, item.getBoolean("stale"));
        assertEquals("Review diffs", item.getString("description"), "answered from the index, before the re-sync");
        await("the edit is picked up by the revalidation", () -> "Review diffs and suggest fixes".equals(
                service.getJson("/api/v1/user-collections/work/artifacts/skill:code-reviewer").getString("description")));
        assertEquals(0, staleCount("work"));
    }

    @Test
    void freshDocumentsAreNotRevalidated() {
        service.getJson("/api/v1/user-collections/default/artifacts");

        assertEquals(0, service.cache().revalidator().pendingCount());
        assertEquals(0, service.cache().revalidator().resyncedCount());
    }

    @Test
    void refresherResyncsEveryStaleDocumentPageByPage() {
        home.skill("default", "pdf-tools", "description: Extract text and tables from PDFs\n", "");
        service.clock().advance(PAST_TTL);

        BatchReport report = service.cache().refresher().refreshOnce();

        assertEquals(4, report.scanned());
        assertEquals(1, report.count(Outcome.UPDATED));
        assertEquals(3, report.count(Outcome.UNCHANGED));
        assertEquals(3, report.reports().size(), "by name in pages of 2: (code-reviewer of work, github), then (kubernetes-architect, pdf-tools)");
        assertEquals(0, staleCount("default") + staleCount("work"));
        assertEquals("Extract text and tables from PDFs",
                service.getJson("/api/v1/user-collections/default/artifacts/skill:pdf-tools").getString("description"));
        assertEquals(0, service.cache().refresher().refreshOnce().scanned());
    }

    @Test
    void refresherVisitsADocumentItCannotRefreshOnlyOnce() {
        home.write("collections/work/collection.toml", "[collection]\nname = \"work\"\n[[artifacts]\nname = 1\n");
        service.clock().advance(PAST_TTL);

        BatchReport report = service.cache().refresher().refreshOnce();

        assertEquals(3, report.scanned());
        assertEquals(1, report.errors().size());
        assertEquals("work", report.errors().getFirst().collection());
        assertTrue(report.errors().getFirst().detail().contains("invalid TOML"), report.errors().getFirst().detail());
        assertEquals(1, staleCount("work"), "kept as it was, still stale, with the manifest error on the collection");
        JsonObject work = service.getJson("/api/v1/user-collections").getJsonArray("items").getJsonObject(1);
        assertTrue(work.getString("sync_error").contains("invalid TOML"), work.toString());
    }
}
