package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.artifactcache.http.Answers.assertError;
import static dev.artifactcache.http.Answers.assertOk;

/** The facet-value search route over real HTTP: pages, the contains text, Any and All mode counts, errors. */
class FacetValueRoutesTest {

    @TempDir
    static Path tmp;
    private static RunningService service;

    /** Every skill of TestHome also has the manifest's tag "docs". */
    @BeforeAll
    static void start() {
        TestHome home = new TestHome(tmp.resolve("home"))
                .skill("default", "cluster-ops", "description: Run clusters\ntags: [kubernetes-operations, devops, git]\ntools: [Read, Bash]\n", "")
                .skill("default", "git-cloud", "description: Ship to the cloud\ntags: [devops, git, cloud]\ntools: [Read]\n", "")
                .skill("default", "test-first", "description: Tests first\ntags: [devops, tdd-workflows]\ntools: [Bash, Grep]\n", "")
                .skill("default", "cloud-costs", "description: Watch the bill\ntags: [cloud]\n", "")
                .skill("work", "k8s-upgrades", "description: Upgrade clusters\ntags: [devops, kubernetes-operations]\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"));
    }

    @AfterAll
    static void stop() throws IOException {
        service.close();
    }

    private static final String TAGS = "/api/v1/user-collections/default/facets/tags";
    /** Every tag value by count: unfiltered, and also in "any" mode whatever tags are selected. */
    private static final String EVERY_TAG = """
            {"dimension":"tags","values":[{"value":"docs","count":4},{"value":"devops","count":3},{"value":"cloud","count":2},
            {"value":"git","count":2},{"value":"kubernetes-operations","count":1},{"value":"tdd-workflows","count":1}],
            "total_values":6,"offset":0,"has_more":false}
            """;

    @Test
    void everyValueByCountThenValue() {
        assertOk(EVERY_TAG, service.get(TAGS));
    }

    @Test
    void pagesWithLimitAndOffset() {
        assertOk("""
                {"dimension":"tags","values":[{"value":"devops","count":3},{"value":"cloud","count":2}],
                "total_values":6,"offset":1,"has_more":true}
                """, service.get(TAGS + "?limit=2&offset=1"));
        assertOk("""
                {"dimension":"tags","values":[],"total_values":6,"offset":9,"has_more":false}
                """, service.get(TAGS + "?offset=9"));
    }

    @Test
    void containsIgnoresCase() {
        assertOk("""
                {"dimension":"tags","values":[{"value":"kubernetes-operations","count":1}],"total_values":1,"offset":0,"has_more":false}
                """, service.get(TAGS + "?contains=KUBER"));
        assertOk("""
                {"dimension":"tags","values":[{"value":"devops","count":3},{"value":"kubernetes-operations","count":1}],
                "total_values":2,"offset":0,"has_more":false}
                """, service.get(TAGS + "?contains=Op"));
    }

    @Test
    void anyModeCountsIgnoreTheDimensionsOwnSelection() {
        assertOk(EVERY_TAG, service.get(TAGS + "?tags=git"));
    }

    @Test
    void allModeCountsWhatAddingTheValueGives() {
        assertOk("""
                {"dimension":"tags","values":[{"value":"devops","count":2},{"value":"docs","count":2},{"value":"git","count":2},
                {"value":"cloud","count":1},{"value":"kubernetes-operations","count":1}],"total_values":5,"offset":0,"has_more":false}
                """, service.get(TAGS + "?tags=git&tag_mode=all"));
        // Nothing has both: the selected values stay, at 0, and nothing else can be added.
        assertOk("""
                {"dimension":"tags","values":[{"value":"git","count":0},{"value":"tdd-workflows","count":0}],
                "total_values":2,"offset":0,"has_more":false}
                """, service.get(TAGS + "?tags=git,tdd-workflows&tag_mode=all"));
    }

    @Test
    void toolsUnderOtherFilters() {
        assertOk("""
                {"dimension":"tools","values":[{"value":"Read","count":1}],"total_values":1,"offset":0,"has_more":false}
                """, service.get("/api/v1/user-collections/default/facets/tools?tags=cloud"));
        assertOk("""
                {"dimension":"tools","values":[{"value":"Bash","count":1},{"value":"Read","count":1}],"total_values":2,"offset":0,"has_more":false}
                """, service.get("/api/v1/user-collections/default/facets/tools?q=clusters&tools=Bash"));
    }

    @Test
    void everyCollectionTogether() {
        assertOk("""
                {"dimension":"tags","values":[{"value":"kubernetes-operations","count":2}],"total_values":1,"offset":0,"has_more":false}
                """, service.get("/api/v1/facets/tags?contains=kube"));
        assertOk("""
                {"dimension":"tags","values":[{"value":"devops","count":1},{"value":"docs","count":1},
                {"value":"kubernetes-operations","count":1}],"total_values":3,"offset":0,"has_more":false}
                """, service.get("/api/v1/facets/tags?collection=work"));
    }

    @Test
    void badRequestsNameTheirParameter() {
        assertError(404, "facet_not_found", "No facet \"type\"; values can be searched in tags and tools.", null,
                service.get("/api/v1/user-collections/default/facets/type"));
        assertError(404, "collection_not_found", "No collection \"nope\"; the cache knows these: default, work.", null,
                service.get("/api/v1/user-collections/nope/facets/tags"));
        assertError(400, "invalid_parameter", "limit must be a whole number from 1 to 100, got \"0\"", "limit",
                service.get(TAGS + "?limit=0"));
        assertError(400, "invalid_parameter", "limit must be a whole number from 1 to 100, got \"101\"", "limit",
                service.get(TAGS + "?limit=101"));
        assertError(400, "invalid_parameter", "offset must be a whole number 0 or more, got \"-1\"", "offset",
                service.get(TAGS + "?offset=-1"));
        assertError(400, "invalid_parameter", "offset must be a whole number 0 or more, got \"x\"", "offset",
                service.get(TAGS + "?offset=x"));
        assertError(400, "invalid_parameter", "unknown match mode \"some\"; expected any or all", "tag_mode", service.get(TAGS + "?tag_mode=some"));
    }
}
