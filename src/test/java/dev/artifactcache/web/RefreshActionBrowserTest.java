package dev.artifactcache.web;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Refresh action against {@code POST /api/v1/user-collections/refresh-metadata} (api.md, "Sync
 * and refresh"). Needs the write-side branch, which implements that route: until it is merged,
 * these tests fail with the page reporting the server's 404.
 */
@ExtendWith(SharedChromium.class)
class RefreshActionBrowserTest {

    private static final String TOKEN = "s3cret-write-token";

    @TempDir
    static Path tmp;
    private static TestHome openHome;
    private static RunningService open;
    private static RunningService guarded;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start(HeadlessChromium browser) {
        openHome = threeSkills(tmp.resolve("open-home"));
        open = RunningService.start(openHome.root(), tmp.resolve("open-data"), now());
        guarded = RunningService.start(threeSkills(tmp.resolve("guarded-home")).root(), tmp.resolve("guarded-data"), now(),
                Map.of("security.write-token", TOKEN));
        chromium = browser;
    }

    @AfterAll
    static void stop() throws IOException {
        // Null when the browser could not start: its error is the one to see.
        try {
            if (open != null) {
                open.close();
            }
        } finally {
            if (guarded != null) {
                guarded.close();
            }
        }
    }

    @Test
    void refreshReportsItsOutcomeAndShowsWhatChangedOnDisk() {
        CollectionPageDriver page = new CollectionPageDriver(chromium.driver(), open.uri("/")).open("?collection=default");
        assertEquals(3, page.total());
        openHome.skill("default", "pdf-tools", "description: Extract text and tables from PDF files\n", "")
                .skill("default", "csv-cleaner", "description: Tidy CSV exports\n", "");

        page.element(By.id("refresh")).click();

        String outcome = finishedOutcome(page);
        assertEquals("ok", page.element(By.id("refresh-outcome")).getDomAttribute("data-outcome"), outcome);
        assertTrue(outcome.startsWith("Refreshed “default”: 4 artifacts checked (1 created, 1 updated, 2 unchanged) in "), outcome);
        page.waitFor("the new artifact on the page", d -> page.total() == 4);
        page.waitUntilCurrent();
        assertTrue(page.cardKeys().contains("default/skill:csv-cleaner"), page.cardKeys().toString());
        assertTrue(page.text(By.id("cards")).contains("Extract text and tables from PDF files"));
        page.screenshot("refresh-outcome");
    }

    @Test
    void aServerWithATokenAsksForItOnceAndTheTabKeepsIt() {
        CollectionPageDriver page = new CollectionPageDriver(chromium.driver(), guarded.uri("/")).open("");
        page.js("sessionStorage.clear()");

        page.element(By.id("refresh")).click();

        page.waitFor("the token dialog or an outcome", d -> page.element(By.id("token-dialog")).isDisplayed() || finished(page));
        assertTrue(page.element(By.id("token-dialog")).isDisplayed(), () -> page.text(By.id("refresh-outcome")));
        page.screenshot("refresh-token-dialog");
        page.element(By.id("token")).sendKeys(TOKEN);
        page.element(By.cssSelector("#token-form button[value=save]")).click();
        String outcome = finishedOutcome(page);
        assertEquals("ok", page.element(By.id("refresh-outcome")).getDomAttribute("data-outcome"), outcome);
        assertTrue(outcome.startsWith("Refreshed all collections: 3 artifacts checked"), outcome);
        assertEquals(TOKEN, page.js("return sessionStorage.getItem('artifact-cache.write-token')"));
    }

    /** Waits until the refresh has an outcome other than "busy" and returns its sentence. */
    private static String finishedOutcome(CollectionPageDriver page) {
        page.waitFor("the refresh outcome", d -> finished(page));
        return page.text(By.cssSelector("#refresh-outcome p"));
    }

    private static boolean finished(CollectionPageDriver page) {
        String kind = page.element(By.id("refresh-outcome")).getDomAttribute("data-outcome");
        return kind != null && !kind.equals("busy");
    }

    private static TestHome threeSkills(Path root) {
        return new TestHome(root)
                .skill("default", "pdf-tools", "description: Extract text from PDF files\n", "")
                .skill("default", "code-reviewer", "description: Review diffs\n", "")
                .skill("default", "kubernetes-architect", "description: Design Kubernetes clusters\n", "");
    }

    private static MutableClock now() {
        return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
