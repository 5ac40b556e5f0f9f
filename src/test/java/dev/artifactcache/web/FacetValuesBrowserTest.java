package dev.artifactcache.web;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import dev.artifactcache.TestHome.Artifact;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every tag and tool can be found and picked (#16): the search inside a facet and "Show more" on a
 * home of 132 distinct tags, where the listing's facets hold only the top 50.
 */
@ExtendWith(SharedChromium.class)
class FacetValuesBrowserTest {

    private static final int ARTIFACTS = 120;
    /** A tag of one artifact that sorts after every other tag of count 1: never in the top 50. */
    private static final String BEYOND_TOP_FIFTY = "tdd-workflows";

    @TempDir
    static Path tmp;
    private static RunningService service;
    private static HeadlessChromium chromium;
    private CollectionPageDriver page;

    /**
     * Item i (skills at even i, commands at odd) has the tags {@code common}, {@code area-<i % 10>}
     * and {@code rare-<i>}; item 7 also {@value #BEYOND_TOP_FIFTY}. Every third has the tool Bash.
     */
    @BeforeAll
    static void start(HeadlessChromium browser) {
        List<Artifact> artifacts = new ArrayList<>();
        for (int i = 0; i < ARTIFACTS; i++) {
            List<String> tags = new ArrayList<>(List.of("common", "area-" + i % 10, "rare-%03d".formatted(i)));
            if (i == 7) {
                tags.add(BEYOND_TOP_FIFTY);
            }
            artifacts.add(new Artifact(i % 2 == 0 ? "skill" : "command", "item-%03d".formatted(i), "github",
                    "Item number " + i, tags, i % 3 == 0 ? List.of("Read", "Bash") : List.of("Read"), "1.0.0"));
        }
        TestHome home = new TestHome(tmp.resolve("home")).artifacts("default", artifacts);
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        service = RunningService.start(home.root(), tmp.resolve("data"), clock);
        chromium = browser;
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void newPage() {
        page = new CollectionPageDriver(chromium.driver(), service.uri("/"));
    }

    @Test
    void aTagBeyondTheTopFiftyIsFoundBySearchAndPicked() {
        JsonObject listed = service.getJson("/api/v1/user-collections/default/artifacts?facets=true&limit=1")
                .getJsonObject("facets").getJsonObject("tags");
        assertEquals(50, listed.size());
        assertFalse(listed.containsKey(BEYOND_TOP_FIFTY));

        page.open("?collection=default");
        page.searchFacet("tags", "TDD");
        assertEquals(List.of(BEYOND_TOP_FIFTY + " 1"), page.facetValues("tags"));
        page.screenshot("collection-facet-search");

        // From the search box, the keyboard reaches the value and picks it.
        page.facetSearch("tags").sendKeys(Keys.TAB);
        assertEquals("tags:" + BEYOND_TOP_FIFTY, page.js("return document.activeElement.dataset.focusKey"));
        page.element(By.cssSelector("#facet-tags input:focus")).sendKeys(Keys.SPACE);
        page.waitFor("the tag in the URL", d -> page.query().contains("tags="));
        page.waitUntilCurrent().waitForFacet("tags");

        assertEquals("?collection=default&tags=" + BEYOND_TOP_FIFTY, page.query());
        assertEquals(List.of("default/command:item-007"), page.cardKeys());
        assertEquals(List.of("#" + BEYOND_TOP_FIFTY), page.chips());
        assertEquals(List.of(BEYOND_TOP_FIFTY + " 1"), page.facetValues("tags"));
        assertTrue(page.facetSelected("tags", BEYOND_TOP_FIFTY));
        assertEquals("TDD", page.facetSearch("tags").getDomProperty("value"), "the search stays");
        assertEquals("tags:" + BEYOND_TOP_FIFTY, page.js("return document.activeElement.dataset.focusKey"));
    }

    @Test
    void showMorePagesThroughEveryValueWithItsCount() {
        page.open("?collection=default");
        assertEquals(8, page.facetValues("tags").size());

        page.showMoreValues("tags");
        page.screenshot("collection-facet-more");
        assertEquals(50, page.facetValues("tags").size());
        assertEquals("50 of 132 tags", status("tags"));
        assertEquals("tags:more", page.js("return document.activeElement.dataset.focusKey"), "the focus stays on the button");
        assertEquals("Show 50 more", page.facetMoreButton("tags").getFirst().getText());
        page.showMoreValues("tags");
        assertEquals("Show 32 more", page.facetMoreButton("tags").getFirst().getText());
        page.showMoreValues("tags");

        List<String> expected = new ArrayList<>(List.of("common " + ARTIFACTS));
        IntStream.range(0, 10).forEach(area -> expected.add("area-" + area + " 12"));
        IntStream.range(0, ARTIFACTS).forEach(i -> expected.add("rare-%03d 1".formatted(i)));
        expected.add(BEYOND_TOP_FIFTY + " 1");
        assertEquals(expected, page.facetValues("tags"));
        assertEquals(132, new HashSet<>(page.facetValues("tags")).size());
        assertEquals("132 of 132 tags", status("tags"));
        assertTrue(page.facetMoreButton("tags").isEmpty());

        page.element(By.cssSelector("#facet-tags [data-focus-key='tags:fewer']")).click();
        assertEquals(expected.subList(0, 8), page.facetValues("tags"));
    }

    @Test
    void theValueSearchTakesTheListingsFiltersAndFollowsThem() {
        page.open("?collection=default&type=command");
        page.searchFacet("tags", "rare-00");
        assertEquals(List.of("rare-001 1", "rare-003 1", "rare-005 1", "rare-007 1", "rare-009 1"), page.facetValues("tags"));
        assertEquals(List.of("rare-001 1", "rare-003 1", "rare-005 1", "rare-007 1", "rare-009 1"), service.getJson(
                "/api/v1/user-collections/default/facets/tags?artifact_type=command&contains=rare-00").getJsonArray("values")
                .getValuesAs(JsonObject.class).stream().map(v -> v.getString("value") + " " + v.getInt("count")).toList());

        page.selectTab("skill").waitForFacet("tags");
        assertEquals(List.of("rare-000 1", "rare-002 1", "rare-004 1", "rare-006 1", "rare-008 1"), page.facetValues("tags"));

        page.searchFacet("tags", "nothing-like-this");
        assertEquals("No tags contain “nothing-like-this”", page.text(By.cssSelector("#facet-tags .facet-values p")));

        page.facetSearch("tags").sendKeys(Keys.ESCAPE);
        page.waitFor("the top tags again", d -> page.facetValues("tags").size() == 8);
        assertEquals("common 60", page.facetValues("tags").getFirst());
    }

    @Test
    void toolsAreSearchedTheSameWay() {
        page.open("?collection=default");
        page.searchFacet("tools", "ba");
        assertEquals(List.of("Bash 40"), page.facetValues("tools"));
        assertEquals("1 of 1 tools", status("tools"));
    }

    /** The "N of M" line under a facet's values. */
    private String status(String facet) {
        return page.text(By.cssSelector("#facet-" + facet + " .facet-values p[aria-live]"));
    }
}
