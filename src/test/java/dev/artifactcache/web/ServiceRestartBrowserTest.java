package dev.artifactcache.web;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterEach;
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

/** A page left open while the service restarts comes back by itself, without "Try again". */
@ExtendWith(SharedChromium.class)
class ServiceRestartBrowserTest {

    @TempDir
    Path tmp;
    private RunningService service;

    @AfterEach
    void stop() throws IOException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void thePageRetriesByItselfAfterARestart(HeadlessChromium chromium) throws IOException {
        TestHome home = TestHome.fourArtifacts(tmp.resolve("home"));
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        service = RunningService.start(home.root(), tmp.resolve("data"), clock);
        int port = service.uri("/").getPort();
        CollectionPageDriver page = new CollectionPageDriver(chromium.driver(), service.uri("/")).open("?collection=default");
        assertEquals(3, page.total());

        service.close();
        service = null;
        page.search("github");
        page.waitFor("the page to say the service cannot be reached", d -> page.message().startsWith("Cannot reach the service"));
        assertTrue(page.message().contains("This page retries by itself."), page.message());

        service = RunningService.start(home.root(), tmp.resolve("data"), clock, Map.of("server.port", String.valueOf(port)));
        page.waitFor("the results to come back", d -> page.message().isEmpty() && !page.cardKeys().isEmpty());
        page.waitUntilCurrent();
        assertEquals(java.util.List.of("default/mcp:github"), page.cardKeys());
        assertEquals("1 result", page.text(By.id("total")).replaceAll(" in .*", ""));
    }
}
