package dev.artifactcache.web;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The /collection page in headless Chromium against the real service over a generated collection.
 * The API itself is the oracle: what the page shows must equal what the API answers for the same
 * state, so these tests check the page's wiring rather than restate the search engine's rules.
 */
@ExtendWith(SharedChromium.class)
class CollectionPageBrowserTest {

    @TempDir
    static Path tmp;
    private static RunningService service;
    private static HeadlessChromium chromium;
    private CollectionPageDriver page;

    @BeforeAll
    static void start(HeadlessChromium browser) {
        // The browser's clock is the real one, so the service starts at the real now too ("synced just now").
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        service = RunningService.start(SampleCollection.write(tmp.resolve("home")).root(), tmp.resolve("data"), clock);
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
    }

    @Test
    void theRootRedirectsToThePage() {
        chromium.driver().get(service.uri("/").toString());
        page.waitUntilCurrent();
        assertEquals(service.uri("/collection").toString(), chromium.driver().getCurrentUrl());
        assertEquals(total("/api/v1/artifacts?"), page.total());
    }

    @Test
    void typingNarrowsTheResultsAndHighlightsTheMatches() {
        page.open("");
        int everything = page.total();

        page.search("kuber");

        assertEquals(total("/api/v1/artifacts?" + q("kuber")), page.total());
        assertTrue(page.total() < everything);
        assertFalse(page.cardNames().isEmpty());
        page.cardNames().forEach(name -> assertTrue(name.contains("kubernetes"), name));
        assertFalse(page.marks().isEmpty());
        page.marks().forEach(mark -> assertTrue(mark.toLowerCase().startsWith("kuber"), mark));

        page.search("kubernetes depl");
        assertEquals(keys("/api/v1/artifacts?" + q("kubernetes depl") + "&sort=relevance&limit=24"), page.cardKeys());
        assertTrue(page.cardKeys().getFirst().endsWith(":kubernetes-deployer"), page.cardKeys().getFirst());
    }

    @Test
    void aFacetClickFiltersAndUpdatesTheCounts() {
        page.open("?collection=default");
        int devops = page.facetCount("tags", "devops");
        assertEquals(facets("").getJsonObject("tools").getInt("Bash"), page.facetCount("tools", "Bash"));

        page.toggleFacet("tags", "devops");

        assertEquals("?collection=default&tags=devops", page.query());
        assertTrue(page.facetSelected("tags", "devops"));
        assertEquals(devops, page.total());
        assertEquals(keys("/api/v1/user-collections/default/artifacts?tags=devops&sort=name&limit=24"), page.cardKeys());
        JsonObject filtered = facets("&tags=devops");
        assertEquals(filtered.getJsonObject("tools").getInt("Bash"), page.facetCount("tools", "Bash"));
        assertEquals(filtered.getJsonObject("type").getInt("skill"), page.tabCount("skill"));
        assertEquals(devops, page.facetCount("tags", "devops"), "the tags facet ignores its own selection");
    }

    @Test
    void anyAndAllChangeTheResult() {
        page.open("?collection=default&tags=devops,review");
        int any = total("/api/v1/user-collections/default/artifacts?tags=devops,review&tag_mode=any");
        assertEquals(any, page.total());

        page.matchMode("tags", "all");

        int all = total("/api/v1/user-collections/default/artifacts?tags=devops,review&tag_mode=all");
        assertTrue(all > 0 && all < any, all + " of " + any);
        assertEquals(all, page.total());
        assertEquals("?collection=default&tags=devops%2Creview&tag_mode=all", page.query());

        page.matchMode("tags", "any");
        assertEquals(any, page.total());
    }

    @Test
    void aDeepLinkRestoresTheStateAndBackAndForwardWalkIt() {
        String link = "?collection=default&q=docker&type=skill&tags=devops&sort=name";
        page.open(link);

        assertEquals("docker", page.js("return document.getElementById('q').value"));
        assertEquals("true", page.tab("skill").getDomAttribute("aria-selected"));
        assertTrue(page.facetSelected("tags", "devops"));
        assertEquals("default", page.js("return document.getElementById('collection').value"));
        assertEquals("name", page.js("return document.getElementById('sort').value"));
        assertEquals(List.of("“docker”", "skill", "#devops"), page.chips());
        List<String> expected = keys("/api/v1/user-collections/default/artifacts?q=docker&artifact_type=skill&tags=devops&sort=name&limit=24");
        assertFalse(expected.isEmpty());
        assertEquals(expected, page.cardKeys());

        page.selectTab("");
        assertEquals("?collection=default&q=docker&tags=devops&sort=name", page.query());
        assertEquals("true", page.tab("").getDomAttribute("aria-selected"));

        page.back();
        assertEquals(link, page.query());
        assertEquals("true", page.tab("skill").getDomAttribute("aria-selected"));
        assertEquals(expected, page.cardKeys());

        page.forward();
        assertEquals("true", page.tab("").getDomAttribute("aria-selected"));
    }

    @Test
    void loadMoreAppendsTheNextPagesWithoutDuplicates() {
        page.open("?collection=default");
        assertEquals(24, page.cardKeys().size());

        page.loadMore().loadMore().loadMore();

        // Infinite scroll may load further pages by itself when the end of the list comes into view.
        List<String> shown = page.cardKeys();
        assertTrue(shown.size() >= 96 && shown.size() % 24 == 0, "shown: " + shown.size());
        assertEquals(shown.size(), new HashSet<>(shown).size());
        assertEquals(keys("/api/v1/user-collections/default/artifacts?sort=name&limit=96"), shown.subList(0, 96));
        assertEquals("Showing " + shown.size() + " of " + page.total(), page.text(By.id("showing")));
    }

    @Test
    void loadMoreStopsAtTheEnd() {
        page.open("?collection=work");
        int total = page.total();
        assertTrue(total > 24 || !page.canLoadMore());
        while (page.canLoadMore()) {
            page.loadMore();
        }
        assertEquals(total, page.cardKeys().size());
        assertEquals(total, new HashSet<>(page.cardKeys()).size());
    }

    @Test
    void clickingATagOnACardFiltersByIt() {
        page.open("?collection=default");
        WebElement firstTag = page.element(By.cssSelector("#cards .card .tag"));
        String tag = firstTag.getText().substring(1);

        page.clickCardTag(tag);

        assertEquals(List.of("#" + tag), page.chips());
        assertEquals(total("/api/v1/user-collections/default/artifacts?tags=" + tag), page.total());
        assertEquals("true", page.element(By.cssSelector("#cards .card .tag[aria-pressed=true]")).getDomAttribute("aria-pressed"));

        page.clearAll();
        assertEquals("?collection=default", page.query());
        assertTrue(page.chips().isEmpty());
    }

    @Test
    void theOriginFilterAndStaleOnlyNarrowTheResults() {
        page.open("?collection=default");
        page.element(By.cssSelector("#origins input[value=marketplace]")).click();
        page.waitUntilCurrent();
        assertEquals(total("/api/v1/user-collections/default/artifacts?origin=marketplace"), page.total());

        page.element(By.id("stale")).click();
        page.waitUntilCurrent();
        assertEquals("?collection=default&origin=marketplace&stale=true", page.query());
        assertEquals("No artifacts match", page.text(By.cssSelector("#message h2")));
    }

    @Test
    void theSortSelectOrdersTheResults() {
        page.open("?collection=default");
        page.sortBy("-updated");
        assertEquals("?collection=default&sort=-updated", page.query());
        assertEquals(keys("/api/v1/user-collections/default/artifacts?sort=-updated&limit=24"), page.cardKeys());
    }

    @Test
    void theCollectionSwitcherScopesTheResults() {
        page.open("");
        page.selectCollection("work");
        assertEquals("?collection=work", page.query());
        assertEquals(total("/api/v1/user-collections/work/artifacts?"), page.total());
        page.cardKeys().forEach(key -> assertTrue(key.startsWith("work/"), key));
    }

    @Test
    void noMatchSaysWhatToDoAndClearingBringsTheResultsBack() {
        page.open("?collection=default");
        int everything = page.total();

        page.search("zzqxjv");

        assertTrue(page.message().contains("No artifacts match"), page.message());
        assertTrue(page.cardKeys().isEmpty());
        page.element(By.xpath("//div[@id='message']//button[text()='Clear all filters']")).click();
        page.waitUntilCurrent();
        assertEquals(everything, page.total());
        assertEquals("", page.js("return document.getElementById('q').value"));
    }

    @Test
    void anUnknownCollectionShowsTheServersSentenceAndAWayOut() {
        page.open("?collection=nope");

        assertTrue(page.message().contains("Unknown collection"), page.message());
        assertTrue(page.message().contains("No collection \"nope\""), page.message());
        page.element(By.xpath("//div[@id='message']//button[text()='Show all collections']")).click();
        page.waitUntilCurrent();
        assertEquals("", page.query());
        assertEquals(total("/api/v1/artifacts?"), page.total());
    }

    @Test
    void aSyncErrorShowsOnItsCard() {
        page.open("?collection=default&q=" + SampleCollection.WITH_SYNC_ERROR);
        String error = service.getJson("/api/v1/user-collections/default/artifacts/skill:" + SampleCollection.WITH_SYNC_ERROR)
                .getString("sync_error");
        WebElement card = page.element(By.cssSelector("#cards .card[data-key='default/skill:" + SampleCollection.WITH_SYNC_ERROR + "']"));
        assertEquals("Sync problem: " + error, card.findElement(By.className("sync-error")).getText());
    }

    @Test
    void markupInArtifactTextShowsAsText() {
        page.open("?collection=default&q=bold");
        WebElement description = page.element(By.cssSelector(
                "#cards .card[data-key='default/skill:" + SampleCollection.WITH_MARKUP + "'] .description"));
        assertEquals(SampleCollection.MARKUP_DESCRIPTION, description.getText());
        assertTrue(description.findElements(By.cssSelector("b, img")).isEmpty());
        assertEquals("bold", description.findElement(By.tagName("mark")).getText());
    }

    @Test
    void aLateResponseNeverOverwritesANewerOne() {
        page.open("?collection=default");
        // The response for "docker" is held back until the one for "docker deployer" has been shown,
        // and it ignores the page's abort, as a slow network might: the page must drop it.
        page.js("""
                const realFetch = window.fetch;
                let release;
                const held = new Promise((resolve) => { release = resolve; });
                window.lateHandled = false;
                window.fetch = async (url, options) => {
                  const response = await realFetch(url, { ...options, signal: undefined });
                  if (String(url).includes('q=docker&')) {
                    await held;
                    const body = await response.json();
                    return { ok: response.ok, status: response.status, headers: response.headers,
                             json: async () => { setTimeout(() => { window.lateHandled = true; }, 0); return body; } };
                  }
                  if (String(url).includes('q=docker+deployer')) setTimeout(release, 0);
                  return response;
                };""");
        WebElement box = page.element(By.id("q"));
        box.sendKeys("docker", Keys.ENTER);
        page.waitFor("the request for docker", d -> "docker".equals(page.js("return document.getElementById('q').value")));
        box.sendKeys(" deployer", Keys.ENTER);

        page.waitFor("the late response to arrive", d -> Boolean.TRUE.equals(page.js("return window.lateHandled")));
        page.waitUntilCurrent();

        assertEquals("?collection=default&q=docker+deployer", page.query());
        assertEquals(keys("/api/v1/user-collections/default/artifacts?" + q("docker deployer") + "&sort=relevance&limit=24"),
                page.cardKeys());
        assertEquals(total("/api/v1/user-collections/default/artifacts?" + q("docker deployer")), page.total());
    }

    @Test
    void theKeyboardReachesSearchAndTabs() {
        page.open("?collection=default");
        page.element(By.tagName("body")).sendKeys("/");
        assertEquals("q", page.js("return document.activeElement.id"));

        page.tab("").sendKeys(Keys.ARROW_RIGHT);
        page.waitUntilCurrent();
        assertEquals("?collection=default&type=skill", page.query());
        assertEquals("type:skill", page.js("return document.activeElement.dataset.focusKey"));
    }

    @Test
    void removingAChipWithTheKeyboardKeepsTheFocusInTheChips() {
        page.open("?collection=default&tags=devops,review");
        page.element(By.cssSelector("#chips .chip[data-kind=tag]")).sendKeys(Keys.ENTER);
        page.waitUntilCurrent();

        assertEquals("?collection=default&tags=review", page.query());
        assertEquals("chip:tag:#review", page.js("return document.activeElement.dataset.focusKey"));

        page.element(By.cssSelector("#chips .chip")).sendKeys(Keys.ENTER);
        page.waitUntilCurrent();
        assertEquals("?collection=default", page.query());
        assertEquals("q", page.js("return document.activeElement.id"), "with no chip left, the search box");
    }

    @Test
    void everyControlHasAName() {
        page.open("?collection=default");
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) page.js("""
                return [...document.querySelectorAll('button, input, select, a[href]')]
                  .filter((c) => c.offsetParent !== null || c.type === 'radio')
                  .filter((c) => !(c.getAttribute('aria-label') || c.labels?.length || c.textContent.trim()
                                   || c.getAttribute('aria-labelledby') || c.title))
                  .map((c) => c.outerHTML.slice(0, 80));""");
        assertEquals(List.of(), unnamed);
    }

    @Test
    void screenshotsAtDesktopAndPhoneWidthsInLightAndDark() {
        page.open("?collection=default&q=review&tags=devops");
        page.screenshot("collection-desktop");
        chromium.prefersDark(true);
        try {
            page.screenshot("collection-desktop-dark");
        } finally {
            chromium.prefersDark(false);
        }

        page.resize(HeadlessChromium.PHONE).open("?collection=default");
        page.screenshot("collection-phone");
        page.element(By.id("filters-toggle")).click();
        page.waitFor("the filters to open", d -> page.element(By.id("filters")).isDisplayed());
        page.screenshot("collection-phone-filters");
        assertTrue((Boolean) page.js("return document.documentElement.scrollWidth <= window.innerWidth"),
                "nothing overflows the phone width");
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static int total(String pathAndQuery) {
        return service.getJson(pathAndQuery).getJsonObject("page_info").getInt("total_count");
    }

    private static List<String> keys(String pathAndQuery) {
        return service.getJson(pathAndQuery).getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("collection") + "/" + item.asJsonObject().getString("id"))
                .toList();
    }

    /** The facets of the default collection with these extra parameters ("&tags=devops"). */
    private static JsonObject facets(String extra) {
        return service.getJson("/api/v1/user-collections/default/artifacts?facets=true" + extra).getJsonObject("facets");
    }
}
