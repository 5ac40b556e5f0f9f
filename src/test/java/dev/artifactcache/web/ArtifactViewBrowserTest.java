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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The artifact view of the collection page: open, deep link, back and forward, edit, conflict, add to a user collection. */
@ExtendWith(SharedChromium.class)
class ArtifactViewBrowserTest {

    @TempDir
    static Path tmp;
    private static TestHome home;
    private static RunningService service;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start(HeadlessChromium browser) {
        home = TestHome.fourArtifacts(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Extract text from PDFs\nauthor: Acme\n", "Body.\n");
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START),
                Map.of("security.rate-limit.per-minute", "0"));
        chromium = browser;
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
    }

    private static CollectionPageDriver page() {
        return new CollectionPageDriver(chromium.driver(), service.uri("/"));
    }

    private static String dialogText(CollectionPageDriver page) {
        return page.waitFor("the artifact view to show an artifact", d -> {
            WebElement dialog = page.element(By.id("artifact-dialog"));
            String text = dialog.getText();
            return dialog.getDomAttribute("open") != null && text.contains("Collection") ? text : null;
        });
    }

    private static boolean dialogOpen(CollectionPageDriver page) {
        return page.elements(By.cssSelector("#artifact-dialog[open]")).size() == 1;
    }

    @Test
    void aCardOpensTheArtifactInFullAndBackAndForwardCloseAndReopenIt() {
        CollectionPageDriver page = page().open("?collection=default");
        page.element(By.cssSelector("[data-key='default/skill:pdf-tools'] .card-open")).click();
        String text = dialogText(page);
        assertTrue(text.contains("Extract text from PDFs") && text.contains("Acme") && text.contains("3f2a9c0e1b7d4a6f8e2c5b9d1a3f7e6c0b4d8a2e"), text);
        assertEquals("?collection=default&artifact=default%2Fskill%3Apdf-tools", page.query());

        page.back();
        page.waitFor("the view to close on back", d -> !dialogOpen(page));
        page.forward();
        assertTrue(dialogText(page).contains("Extract text from PDFs"));
        page.element(By.cssSelector("#artifact-dialog .button.ghost")).click();
        page.waitFor("the view to close", d -> !dialogOpen(page));

        page.element(By.cssSelector("[data-key='default/skill:kubernetes-architect']")).sendKeys(Keys.ENTER);
        assertTrue(dialogText(page).contains("Design clusters"));
        page.screenshot("artifact-view");
    }

    @Test
    void aDeepLinkOpensTheViewAndAnEditIsWrittenToTheFileAndShownAtOnce() throws IOException {
        CollectionPageDriver page = page().open("?artifact=default%2Fmcp%3Agithub");
        assertTrue(dialogText(page).contains("GitHub issues and pull requests"));
        page.element(By.id("artifact-edit")).click();
        WebElement description = page.element(By.id("edit-description"));
        description.clear();
        description.sendKeys("Issues, pull requests and reviews");
        page.element(By.id("edit-tags")).sendKeys("vcs");
        page.element(By.id("edit-save")).click();
        page.waitFor("the saved values", d -> page.element(By.id("artifact-dialog")).getText().contains("Saved to the files."));
        String text = page.element(By.id("artifact-dialog")).getText();
        assertTrue(text.contains("Issues, pull requests and reviews") && text.contains("#vcs"), text);
        String manifest = Files.readString(home.collection("default").resolve("collection.toml"));
        assertTrue(manifest.contains("description = \"Issues, pull requests and reviews\""), manifest);

        page.element(By.id("artifact-edit")).click();
        page.element(By.id("edit-author")).sendKeys(" ");
        page.element(By.id("edit-title")).sendKeys("x".repeat(201));
        page.element(By.id("edit-save")).click();
        assertEquals("Title is 201 characters; at most 200.", page.text(By.id("edit-error")));
    }

    @Test
    void aFileChangedMeanwhileIsReportedWithAReload() {
        CollectionPageDriver page = page().open("?artifact=work%2Fskill%3Acode-reviewer");
        dialogText(page);
        home.skill("work", "code-reviewer", "description: Changed by git\n", "");
        page.element(By.id("artifact-edit")).click();
        WebElement author = page.element(By.id("edit-author"));
        author.sendKeys("Ann");
        page.element(By.id("edit-save")).click();
        page.waitFor("the conflict message", d -> page.text(By.id("edit-error")).startsWith("The file changed since you opened it"));
        page.element(By.id("edit-reload")).click();
        page.waitFor("the current values", d -> page.element(By.id("artifact-dialog")).getText().contains("Changed by git"));
    }

    @Test
    void anArtifactIsAddedToANewUserCollectionAndFoundThere() {
        CollectionPageDriver page = page().open("?artifact=default%2Fskill%3Akubernetes-architect");
        dialogText(page);
        page.element(By.id("artifact-add")).click();
        page.element(By.id("add-name")).sendKeys("Cloud picks");
        page.element(By.id("add-save")).click();
        page.waitFor("the added notice", d -> !page.elements(By.id("show-collection")).isEmpty());
        page.element(By.id("show-collection")).click();
        page.waitUntilCurrent();
        assertEquals(java.util.List.of("default/skill:kubernetes-architect"), page.cardKeys());
        assertTrue(page.text(By.id("collection")).contains("Cloud picks · yours (1)"), page.text(By.id("collection")));
    }
}
