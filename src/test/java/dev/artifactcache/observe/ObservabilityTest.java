package dev.artifactcache.observe;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator reads at /observe/metrics, against a real server. Counters are process-wide: assert deltas. */
class ObservabilityTest {

    @TempDir
    static Path tmp;
    private static TestHome home;
    private static RunningService service;

    @BeforeAll
    static void start() {
        home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Extract text from PDFs\n", "")
                .skill("default", "code-reviewer", "description: Review diffs\n", "")
                .mcp("default", "github", "GitHub issues")
                .skill("work", "notes", "description: Take notes\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"));
    }

    @AfterAll
    static void stop() throws IOException {
        service.close();
    }

    private static String scrape() {
        return service.get("/observe/metrics").body();
    }

    /** The value of the first sample of {@code name} whose labels contain {@code labels}; 0 when absent. */
    static double sample(String metrics, String name, String labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(labels))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0.0);
    }

    private static double sample(String name, String labels) {
        return sample(scrape(), name, labels);
    }

    @Test
    void everyMeterIsExposedWithItsLabels() {
        service.getJson("/api/v1/user-collections/default/artifacts");
        String metrics = scrape();
        for (String line : List.of(
                "artifact_cache_sync_total{outcome=\"created\"", "artifact_cache_sync_total{outcome=\"updated\"",
                "artifact_cache_sync_total{outcome=\"unchanged\"", "artifact_cache_sync_total{outcome=\"deleted\"",
                "artifact_cache_sync_total{outcome=\"failed\"", "artifact_cache_sync_seconds_count{",
                "artifact_cache_refresh_seconds_count{", "artifact_cache_documents{collection=\"default\"",
                "artifact_cache_documents{collection=\"work\"", "artifact_cache_stale_documents{",
                "artifact_cache_query_seconds_count{route=\"collection_artifacts\"", "artifact_cache_reads_total{",
                "artifact_cache_file_reads_total{", "artifact_cache_index_lag_seq{", "artifact_cache_population_seconds{",
                "artifact_cache_watcher_events_total{", "artifact_cache_rate_limited_total{",
                "artifact_cache_sync_warnings_total{")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith(line)), "missing " + line);
        }
        assertEquals(totalCount("/api/v1/user-collections/default/artifacts"),
                sample(metrics, "artifact_cache_documents", "collection=\"default\""));
        assertEquals(1, sample(metrics, "artifact_cache_documents", "collection=\"work\""));
        assertEquals(0, sample(metrics, "artifact_cache_index_lag_seq", ""));
        assertTrue(sample(metrics, "artifact_cache_population_seconds", "") > 0);
    }

    @Test
    void syncCountersMoveByExactlyWhatHappened() {
        double created = sample("artifact_cache_sync_total", "outcome=\"created\"");
        double unchanged = sample("artifact_cache_sync_total", "outcome=\"unchanged\"");
        double failed = sample("artifact_cache_sync_total", "outcome=\"failed\"");
        double warnings = sample("artifact_cache_sync_warnings_total", "");
        double syncs = sample("artifact_cache_sync_seconds_count", "");

        home.skill("default", "lenient", "description: Reads: like this: fine\nname: [unclosed\n", "");
        syncArtifact("skill:lenient");
        syncArtifact("skill:pdf-tools");
        syncArtifact("agent:nobody");

        String after = scrape();
        assertEquals(created + 1, sample(after, "artifact_cache_sync_total", "outcome=\"created\""));
        assertEquals(unchanged + 1, sample(after, "artifact_cache_sync_total", "outcome=\"unchanged\""));
        assertEquals(failed + 1, sample(after, "artifact_cache_sync_total", "outcome=\"failed\""));
        assertEquals(warnings + 1, sample(after, "artifact_cache_sync_warnings_total", ""));
        assertEquals(syncs + 3, sample(after, "artifact_cache_sync_seconds_count", ""));
        assertTrue(totalCount("/api/v1/user-collections/default/artifacts") >= 4);
    }

    private static long totalCount(String listing) {
        return service.getJson(listing).getJsonObject("page_info").getJsonNumber("total_count").longValue();
    }

    private static void syncArtifact(String id) {
        assertEquals(200, service.post("/api/v1/user-collections/sync-artifact",
                "{\"artifact_id\":\"" + id + "\",\"collection\":\"default\"}").statusCode());
    }

    @Test
    void readsAreCountedAndTimedAndNeverTouchTheFiles() {
        List<String> routes = List.of("/api/v1/user-collections", "/api/v1/user-collections/default/artifacts?facets=true&q=pdf",
                "/api/v1/user-collections/default/artifacts/skill:pdf-tools", "/api/v1/artifacts?highlight=true&q=review",
                "/api/v1/user-collections/nope/artifacts", "/api/v1/user-collections/default/artifacts?limit=0");
        String before = scrape();
        for (String route : routes) {
            service.get(route);
        }
        String after = scrape();
        assertEquals(sample(before, "artifact_cache_reads_total", "") + routes.size(), sample(after, "artifact_cache_reads_total", ""));
        assertEquals(sample(before, "artifact_cache_query_seconds_count", "route=\"collection_artifacts\"") + 3,
                sample(after, "artifact_cache_query_seconds_count", "route=\"collection_artifacts\""));
        assertEquals(0, sample(after, "artifact_cache_file_reads_total", ""));
    }

    @Test
    void rateLimitedRequestsAreCounted() {
        double limited = sample("artifact_cache_rate_limited_total", "");
        double refreshes = sample("artifact_cache_refresh_seconds_count", "");
        List<Integer> statuses = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> service.post("/api/v1/user-collections/refresh-metadata", "{\"collection\":\"work\"}").statusCode())
                .toList();
        assertEquals(List.of(200, 200, 429), statuses);
        String after = scrape();
        assertEquals(limited + 1, sample(after, "artifact_cache_rate_limited_total", ""));
        assertEquals(refreshes + 2, sample(after, "artifact_cache_refresh_seconds_count", ""));
    }

    @Test
    void staleDocumentsFollowTheClock() throws InterruptedException {
        try {
            long documents = totalCount("/api/v1/artifacts");
            service.clock().advance(Duration.ofMinutes(31));
            awaitValue(documents, () -> sample("artifact_cache_stale_documents", ""));
        } finally {
            service.clock().set(RunningService.START);
        }
    }

    /** The stale gauge reads a snapshot at most a second old: poll, within a deadline. */
    static void awaitValue(double expected, DoubleSupplier value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        double last;
        while ((last = value.getAsDouble()) != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(expected, last);
    }
}
