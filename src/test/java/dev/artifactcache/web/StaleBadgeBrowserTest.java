package dev.artifactcache.web;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.Settings;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Freshness on the page: once the service's clock passes the TTL, every card wears a stale badge. */
@ExtendWith(SharedChromium.class)
class StaleBadgeBrowserTest {

    @TempDir
    static Path tmp;
    private static RunningService service;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start(HeadlessChromium browser) {
        TestHome home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Extract text from PDF files\n", "")
                .skill("default", "code-reviewer", "description: Review diffs\n", "")
                .mcp("default", "github", "GitHub issues and pull requests");
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        service = RunningService.start(home.root(), tmp.resolve("data"), clock);
        chromium = browser;
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) { // null when the browser could not start
            service.close();
        }
    }

    @Test
    void aDocumentPastItsTtlShowsAStaleBadgeAfterAReload() {
        CollectionPageDriver page = new CollectionPageDriver(chromium.driver(), service.uri("/")).open("?collection=default");
        assertEquals(3, page.cardKeys().size());
        assertTrue(page.elements(By.cssSelector("#cards .badge.stale")).isEmpty());
        assertEquals("0", page.text(By.id("stale-count")));

        service.clock().advance(Settings.DEFAULT_TTL.plusMinutes(1));
        page.reload();

        List<WebElement> cards = page.elements(By.cssSelector("#cards .card"));
        assertEquals(3, cards.size());
        for (WebElement card : cards) {
            assertEquals("Stale", card.findElement(By.cssSelector(".badge.stale")).getDomProperty("textContent"));
            // The browser's clock did not move; the server's verdict sets the lower bound of the age.
            assertEquals("synced over 30 minutes ago", card.findElement(By.className("synced")).getText());
        }
        assertEquals("3", page.text(By.id("stale-count")));
        assertTrue(page.text(By.id("freshness")).contains("3 stale"), page.text(By.id("freshness")));
        page.screenshot("collection-stale");
    }
}
