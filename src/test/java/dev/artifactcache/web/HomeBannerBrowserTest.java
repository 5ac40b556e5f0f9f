package dev.artifactcache.web;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Issue 12 §5: the page names the home it reads, and says so when that home holds no collections. */
@ExtendWith(SharedChromium.class)
class HomeBannerBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void aHomeWithoutCollectionsGetsABannerSayingWhatToDo(HeadlessChromium chromium) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("empty-home"));
        try (RunningService service = RunningService.start(home, tmp.resolve("data"))) {
            CollectionPageDriver page = new CollectionPageDriver(chromium.driver(), service.uri("/"));
            chromium.driver().get(service.uri("/collection").toString());

            page.waitFor("the home banner", d -> page.element(By.id("home-warning")).isDisplayed());
            assertEquals("Nothing to show: the SkillMeat home " + home + " holds no collections/ folder; choose another "
                    + "with --home or SKILLMEAT_HOME, or add a collection with the SkillMeat CLI.",
                    page.text(By.id("home-warning")));
            assertEquals("Reading " + home, page.text(By.id("home-path")));
        }
    }

    @Test
    void aGoodHomeIsNamedWithoutABanner(HeadlessChromium chromium) throws IOException {
        Path home = TestHome.fourArtifacts(tmp.resolve("home")).root();
        try (RunningService service = RunningService.start(home, tmp.resolve("data"))) {
            CollectionPageDriver page = new CollectionPageDriver(chromium.driver(), service.uri("/")).open("");

            page.waitFor("the home it reads", d -> !page.text(By.id("home-path")).isEmpty());
            assertEquals("Reading " + home, page.text(By.id("home-path")));
            assertFalse(page.element(By.id("home-warning")).isDisplayed());
        }
    }
}
