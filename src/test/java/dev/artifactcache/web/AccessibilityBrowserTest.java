package dev.artifactcache.web;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * axe-core's checks on the page, light and with stale badges. The page's CSP refuses injected
 * script elements, so axe is evaluated through WebDriver (DevTools), which the CSP does not govern;
 * its source is the axe.min.js of Deque's Maven artifact, a test dependency.
 */
@ExtendWith(SharedChromium.class)
class AccessibilityBrowserTest {

    private static final String AXE = axeSource();

    @TempDir
    static Path tmp;
    private static RunningService service;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start(HeadlessChromium browser) {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        service = RunningService.start(SampleCollection.write(tmp.resolve("home")).root(), tmp.resolve("data"), clock);
        chromium = browser;
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
    }

    private static String axeSource() {
        try (InputStream in = AccessibilityBrowserTest.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe's violations of the given rules on the page as it shows now: "rule: selector" lines. */
    private static String violations(CollectionPageDriver page, String... rules) {
        page.js(AXE);
        assertEquals("function", page.js("return typeof axe.run"));
        return (String) chromium.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: arguments[0] }).then(result => done(result.violations
                    .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' '))).join('\\n')));""", java.util.List.of(rules));
    }

    @Test
    void typeBadgesAndTheWholePageMeetTheContrastAndNameRules() {
        CollectionPageDriver page = new CollectionPageDriver(chromium.driver(), service.uri("/")).open("?collection=default&type=mcp");
        assertTrue(page.cardKeys().stream().anyMatch(key -> key.contains("/mcp:")), "the page shows MCP badges");
        assertEquals("", violations(page, "color-contrast", "button-name", "label", "aria-allowed-attr", "list"));
    }

    @Test
    void theFacetSearchPagingAndAWarningMeetTheRulesInLightAndDark() {
        CollectionPageDriver page = new CollectionPageDriver(chromium.driver(), service.uri("/")).open("?collection=default");
        page.showMoreValues("tools");
        page.search("notes").waitForFacet("tools");
        assertTrue(!page.elements(org.openqa.selenium.By.cssSelector("#cards .sync-warning")).isEmpty());
        page.searchFacet("tags", "doc");
        String[] rules = {"color-contrast", "button-name", "label", "aria-allowed-attr", "aria-valid-attr-value", "list"};
        assertEquals("", violations(page, rules));
        chromium.prefersDark(true);
        try {
            assertEquals("", violations(page, rules));
        } finally {
            chromium.prefersDark(false);
        }
    }

    @Test
    void staleBadgesMeetTheContrastRule() {
        service.clock().advance(Settings.DEFAULT_TTL.plusMinutes(1));
        try {
            CollectionPageDriver page = new CollectionPageDriver(chromium.driver(), service.uri("/")).open("?collection=work");
            assertTrue(!page.elements(org.openqa.selenium.By.cssSelector("#cards .badge.stale")).isEmpty());
            assertEquals("", violations(page, "color-contrast"));
        } finally {
            service.clock().set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }
}
