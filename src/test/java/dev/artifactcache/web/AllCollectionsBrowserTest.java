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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "All collections" shows an artifact held by two collections once, naming both; one collection still filters. */
@ExtendWith(SharedChromium.class)
class AllCollectionsBrowserTest {

    @TempDir
    static Path tmp;
    private static RunningService service;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start(HeadlessChromium browser) {
        TestHome home = TestHome.fourArtifacts(tmp.resolve("home")).skill("work", "pdf-tools", "description: Extract text\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START));
        chromium = browser;
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anArtifactInTwoCollectionsIsOneCardNamingBoth() {
        CollectionPageDriver page = new CollectionPageDriver(chromium.driver(), service.uri("/")).open("");
        assertEquals(List.of("work/skill:code-reviewer", "default/mcp:github", "default/skill:kubernetes-architect",
                "default/skill:pdf-tools"), page.cardKeys());
        assertEquals("default, work", page.text(By.cssSelector("[data-key='default/skill:pdf-tools'] .where")));

        page.open("?collection=work");
        assertEquals(List.of("work/skill:code-reviewer", "work/skill:pdf-tools"), page.cardKeys());
    }
}
