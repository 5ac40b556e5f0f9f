package dev.artifactcache.web;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the results show (#16): infinite scroll with "showing X of Y" and focus kept, the list view
 * kept across visits, "N results in X ms", the sorts, greyed zero counts, All-mode counts, errors
 * in red and warnings quietly.
 */
@ExtendWith(SharedChromium.class)
class ResultsViewBrowserTest {

    @TempDir
    static Path tmp;
    private static RunningService service;
    private static HeadlessChromium chromium;
    private CollectionPageDriver page;

    @BeforeAll
    static void start(HeadlessChromium browser) throws IOException {
        TestHome home = SampleCollection.write(tmp.resolve("home"))
                .skill("default", "broken-notes", "description: Notes\n", "");
        Files.delete(home.collection("default").resolve("skills/broken-notes/SKILL.md")); // a real failure
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

    @BeforeEach
    void newPage() {
        page = new CollectionPageDriver(chromium.driver(), service.uri("/"));
        page.js("localStorage.clear()");
    }

    @Test
    void scrollingToTheEndLoadsTheNextPageAndSaysHowManyShow() {
        page.open("?collection=default");
        int total = page.total();
        assertEquals(24, page.cardKeys().size());
        assertEquals("Showing 24 of " + total, page.text(By.id("showing")));

        page.js("document.getElementById('more').scrollIntoView()");
        page.waitFor("48 cards", d -> page.cardKeys().size() == 48);
        page.waitUntilCurrent();

        assertEquals("Showing 48 of " + total, page.text(By.id("showing")));
        assertEquals(48, new HashSet<>(page.cardKeys()).size());
        assertTrue(page.text(By.id("total")).matches(total + " results in [0-9.,]+ ms"), page.text(By.id("total")));
    }

    @Test
    void scrollingToTheEndKeepsTheFocusOnTheCardItHad() {
        page.open("?collection=default");
        String last = page.cardKeys().getLast();
        page.js("document.querySelector(`#cards .card[data-key='${arguments[0]}']`).focus()", last);

        page.js("document.getElementById('more').scrollIntoView()");
        page.waitFor("48 cards", d -> page.cardKeys().size() >= 48);
        page.waitUntilCurrent();

        assertEquals(last, page.js("return document.activeElement.dataset.key"));
        assertEquals(last, page.cardKeys().get(23));
    }

    @Test
    void aWindowTallerThanAPageLoadsPagesUntilTheEndLeavesTheView() {
        page.resize(new Dimension(1280, 5000));
        try {
            page.open("?collection=default");
            // The end of the results is in view from the start: no scroll event will ever come.
            page.waitFor("more than one page, then the end out of view", d -> page.cardKeys().size() > 24 && (Boolean) page.js(
                    "return document.getElementById('more').getBoundingClientRect().top > innerHeight + 400"
                    + " && document.getElementById('cards').getAttribute('aria-busy') === 'false'"));
            assertEquals(page.cardKeys().size(), new HashSet<>(page.cardKeys()).size());
            assertEquals("Showing " + page.cardKeys().size() + " of " + page.total(), page.text(By.id("showing")));
        } finally {
            page.resize(HeadlessChromium.DESKTOP);
        }
    }

    @Test
    void loadMoreKeepsTheKeyboardFocus() {
        page.open("?collection=default&sort=-name");
        WebElement button = page.element(By.id("load-more"));
        page.js("document.getElementById('load-more').focus()");
        button.sendKeys(org.openqa.selenium.Keys.ENTER);
        page.waitFor("more cards", d -> page.cardKeys().size() > 24);
        page.waitUntilCurrent();

        assertEquals("load-more", page.js("return document.activeElement.id"));
    }

    @Test
    void theListViewIsKeptForTheNextVisit() {
        page.open("?collection=default");
        assertFalse(page.element(By.id("cards")).getDomAttribute("class").contains("list"));

        page.element(By.cssSelector(".view-switch input[value=list]")).findElement(By.xpath("./ancestor::label")).click();
        assertEquals("cards list", page.element(By.id("cards")).getDomAttribute("class"));

        page.reload();
        assertEquals("cards list", page.element(By.id("cards")).getDomAttribute("class"));
        assertTrue(page.element(By.cssSelector(".view-switch input[value=list]")).isSelected());
        page.screenshot("collection-list-view");
    }

    @Test
    void everySortOfTheApiIsOffered() {
        page.open("?collection=default");
        assertEquals(List.of("relevance", "name", "-name", "-updated", "updated"), page.js(
                "return [...document.querySelectorAll('#sort option')].map(o => o.value)"));
        List<String> byName = page.cardNames();
        page.sortBy("-name");
        List<String> reversed = page.cardNames();
        assertTrue(reversed.get(0).compareTo(reversed.get(reversed.size() - 1)) > 0, reversed::toString);
        assertFalse(byName.equals(reversed));
    }

    @Test
    void zeroCountsStayGreyedInsteadOfVanishing() {
        page.open("?collection=default");
        List<String> tabs = page.tabTypes();
        page.search("kubernetes");
        assertEquals(tabs, page.tabTypes(), "the type tabs stay while typing");
        List<WebElement> zeroTabs = page.elements(By.cssSelector("[role=tab].is-zero"));
        assertFalse(zeroTabs.isEmpty());
        String muted = page.element(By.id("freshness")).getCssValue("color");
        for (WebElement tab : zeroTabs) {
            assertEquals("0", tab.findElement(By.className("count")).getText());
            assertEquals(muted, tab.getCssValue("color"));
            assertEquals("400", tab.getCssValue("font-weight"));
            assertEquals("rgba(0, 0, 0, 0)", tab.findElement(By.className("count")).getCssValue("background-color"));
        }
        assertEquals("rgba(239, 241, 245, 1)", page.element(By.cssSelector("[role=tab]:not(.is-zero):not([aria-selected=true]) .count"))
                .getCssValue("background-color"), "a count above 0 keeps its pill");
        // A selected tag that the other filters leave no artifact of shows 0, greyed.
        page.open("?collection=default&tags=pdf&type=mcp");
        assertEquals(0, page.facetCount("tags", "pdf"));
        assertTrue(page.element(By.cssSelector("#facet-tags input[value=pdf]")).findElement(By.xpath("./ancestor::label"))
                .getDomAttribute("class").contains("is-zero"));
    }

    @Test
    void inAllModeACountIsWhatAddingTheValueGives() {
        // No artifact has two topics: git and docker together find nothing, and say so.
        page.open("?collection=default&tags=git,docker&tag_mode=all");
        assertEquals(0, page.total());
        assertEquals(Set.of("git 0", "docker 0"), Set.copyOf(page.facetValues("tags")));
        for (WebElement option : page.elements(By.cssSelector("#facet-tags .options label"))) {
            assertEquals("option is-zero", option.getDomAttribute("class"));
        }
        page.matchMode("tags", "any");
        assertEquals(total("tags=git"), page.facetCount("tags", "git"));
        assertEquals(total("tags=docker"), page.facetCount("tags", "docker"));

        page.open("?collection=default&tags=devops,review&tag_mode=all");
        List<String> shown = page.facetValues("tags");
        assertTrue(shown.size() > 2, shown::toString);
        for (String entry : shown) {
            String tag = entry.substring(0, entry.indexOf(' '));
            String tags = Set.of("devops", "review").contains(tag) ? "devops,review" : "devops,review," + tag;
            assertEquals(tag + " " + total("tags=" + tags + "&tag_mode=all"), entry);
        }
    }

    private static int total(String filters) {
        return service.getJson("/api/v1/user-collections/default/artifacts?" + filters).getJsonObject("page_info").getInt("total_count");
    }

    @Test
    void aWarningShowsQuietlyAndAnErrorInRed() {
        page.open("?collection=default&q=notes");
        String warning = service.getJson("/api/v1/user-collections/default/artifacts/skill:" + SampleCollection.WITH_SYNC_WARNING)
                .getJsonArray("sync_warnings").getString(0);
        assertTrue(warning.contains("frontmatter is not valid YAML"), warning);

        WebElement quiet = card(SampleCollection.WITH_SYNC_WARNING);
        assertTrue(quiet.findElements(By.className("sync-error")).isEmpty(), "no red box for a warning");
        WebElement note = quiet.findElement(By.className("sync-warning"));
        assertEquals("Warning", note.getText());
        assertEquals(warning, note.getDomAttribute("title"), "the text on hover");
        assertEquals("Warning: " + warning, note.getDomAttribute("aria-label"));
        assertEquals("\"⚠ \"", page.js("return getComputedStyle(arguments[0], '::before').content", note));
        assertEquals(page.element(By.id("freshness")).getCssValue("color"), note.getCssValue("color"), "muted, like the header's notes");

        WebElement failed = card(SampleCollection.WITH_SYNC_ERROR);
        assertTrue(failed.findElements(By.className("sync-warning")).isEmpty());
        assertEquals("rgba(180, 35, 24, 1)", failed.findElement(By.className("sync-error")).getCssValue("color"));

        quiet.findElement(By.className("card-open")).click();
        page.waitFor("the artifact view", d -> !page.elements(By.cssSelector("#artifact-dialog[open] .sync-warnings")).isEmpty());
        assertEquals(warning, page.text(By.cssSelector("#artifact-dialog .sync-warnings li")));
        assertTrue(page.elements(By.cssSelector("#artifact-dialog .sync-error")).isEmpty());
    }

    private WebElement card(String skill) {
        return page.element(By.cssSelector("#cards .card[data-key='default/skill:" + skill + "']"));
    }

    @Test
    void aFailedArtifactIsRedAndTheHeaderSaysHowTheCacheKeepsUp() {
        page.open("?collection=default&q=broken-notes");
        WebElement error = page.element(By.cssSelector("[data-key='default/skill:broken-notes'] .sync-error"));
        assertTrue(error.getText().startsWith("Sync problem: "), error.getText());
        assertEquals("rgba(180, 35, 24, 1)", error.getCssValue("color"));
        assertTrue(page.text(By.id("freshness")).endsWith("watching the files for changes; re-checked every 30 min"),
                page.text(By.id("freshness")));
    }
}
