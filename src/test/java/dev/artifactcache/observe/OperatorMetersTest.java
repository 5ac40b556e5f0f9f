package dev.artifactcache.observe;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.artifactcache.observe.ObservabilityTest.awaitValue;
import static dev.artifactcache.observe.ObservabilityTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The meters an operator's dashboard and alerts read: HTTP answers, failing artifacts, the last refresh, the build. */
class OperatorMetersTest {

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;

    @BeforeEach
    void start() {
        home = TestHome.fourArtifacts(tmp.resolve("home"))
                .skill("default", "lenient", "description: Reads: like this: fine\nname: [unclosed\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START),
                Map.of("security.rate-limit.per-minute", "0"));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private String scrape() {
        return service.get("/observe/metrics").body();
    }

    @Test
    void httpAnswersAreCountedByRouteAndStatusClass() {
        String listing = "/api/v1/user-collections/{collection_id}/artifacts";
        String before = scrape();
        service.get("/api/v1/user-collections/default/artifacts");
        service.get("/api/v1/user-collections/work/artifacts?q=review");
        service.get("/api/v1/user-collections/nope/artifacts");
        service.get("/api/v1/user-collections/default/artifacts/skill:pdf-tools");
        String after = scrape();

        assertEquals(answers(before, listing, "2xx") + 2, answers(after, listing, "2xx"));
        assertEquals(answers(before, listing, "4xx") + 1, answers(after, listing, "4xx"));
        assertEquals(answers(before, listing + "/{artifact_id}", "2xx") + 1, answers(after, listing + "/{artifact_id}", "2xx"));
    }

    /** The count of GET answers of a route in a status class (the labels come sorted, "scope" among them). */
    private static double answers(String metrics, String route, String statusClass) {
        return metrics.lines().filter(line -> line.startsWith("artifact_cache_http_responses_total{method=\"GET\",route=\""
                        + route + "\",") && line.contains("status_class=\"" + statusClass + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void routesAreThePathsWithTheirIdsNamed() {
        assertEquals("/api/v1/user-collections/{collection_id}/artifacts/{artifact_id}",
                HttpAnswers.route("/api/v1/user-collections/default/artifacts/skill:pdf-tools"));
        assertEquals("/api/v1/user-collections/cache-stats", HttpAnswers.route("/api/v1/user-collections/cache-stats"));
        assertEquals("/api/v1/user-collections/{collection_id}/refresh-cache",
                HttpAnswers.route("/api/v1/user-collections/work/refresh-cache"));
        assertEquals("/api/v1/user-collections/{collection_id}/facets/{dimension}",
                HttpAnswers.route("/api/v1/user-collections/work/facets/tags"));
        assertEquals("/api/v1/artifacts/{artifact_id}", HttpAnswers.route("/api/v1/artifacts/skill:x"));
        assertEquals("/collection/*", HttpAnswers.route("/collection/app.js"));
        assertEquals("/observe/metrics", HttpAnswers.route("/observe/metrics"));
        assertEquals("other", HttpAnswers.route("/wp-admin/login.php"));
    }

    @Test
    void failingArtifactsAreCountedNowErrorsApartFromWarnings() throws Exception {
        awaitValue(0, () -> sample(scrape(), "artifact_cache_failing_artifacts", "severity=\"error\""));
        assertEquals(1, sample(scrape(), "artifact_cache_failing_artifacts", "severity=\"warning\""));

        Files.delete(home.collection("default").resolve("skills/kubernetes-architect/SKILL.md"));
        syncArtifact("skill:kubernetes-architect");
        syncArtifact("skill:kubernetes-architect"); // read again: still one failing artifact, not two
        awaitValue(1, () -> sample(scrape(), "artifact_cache_failing_artifacts", "severity=\"error\""));

        home.skill("default", "kubernetes-architect", "description: Design clusters\n", "");
        home.skill("default", "lenient", "description: Fixed\n", "");
        syncArtifact("skill:kubernetes-architect");
        syncArtifact("skill:lenient");
        awaitValue(0, () -> sample(scrape(), "artifact_cache_failing_artifacts", "severity=\"error\""));
        assertEquals(0, sample(scrape(), "artifact_cache_failing_artifacts", "severity=\"warning\""));
    }

    private void syncArtifact(String id) {
        assertEquals(200, service.post("/api/v1/user-collections/sync-artifact",
                "{\"artifact_id\":\"" + id + "\",\"collection\":\"default\"}").statusCode());
    }

    @Test
    void theLastRefreshAndTheBuildAreShown() throws IOException {
        service.clock().advance(Duration.ofMinutes(5));
        assertEquals(200, service.post("/api/v1/user-collections/refresh-metadata", "{\"collection\":\"work\"}").statusCode());

        String metrics = scrape();
        assertEquals(RunningService.START.plus(Duration.ofMinutes(5)).getEpochSecond(),
                sample(metrics, "artifact_cache_last_refresh_finished_seconds", ""));
        assertEquals(0, sample(metrics, "artifact_cache_population_failed", ""));
        assertEquals(1, sample(metrics, "artifact_cache_build_info", "version=\"" + BuildVersion.version() + "\""));
    }
}
