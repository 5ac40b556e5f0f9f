package dev.artifactcache.web;

import com.sun.net.httpserver.HttpServer;
import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A page of another origin, as SkillMeat's web app is (its own server on port 3000), calls the
 * API from Chromium: allowed by {@code security.cors.allowed-origins}, it reads the listing and
 * posts a refresh; a page of an origin not in the list is refused by the browser.
 */
@ExtendWith(SharedChromium.class)
class CrossOriginBrowserTest {

    @TempDir
    static Path tmp;
    private static HttpServer allowedSite;
    private static HttpServer foreignSite;
    private static RunningService service;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start(HeadlessChromium browser) throws IOException {
        allowedSite = site();
        foreignSite = site();
        TestHome home = TestHome.fourArtifacts(tmp.resolve("home"));
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START),
                Map.of("security.cors.allowed-origins", origin(allowedSite)));
        chromium = browser;
    }

    @AfterAll
    static void stop() throws IOException {
        for (HttpServer site : new HttpServer[] {allowedSite, foreignSite}) {
            if (site != null) {
                site.stop(0);
            }
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anAllowedOriginReadsTheListingAndRefreshes() {
        assertEquals("listed 4 of 4; refreshed default: 200", run(allowedSite));
    }

    @Test
    void anotherOriginIsRefused() {
        assertEquals("refused: TypeError", run(foreignSite));
    }

    /** Opens the site's page, which calls the service, and returns what the page wrote. */
    private static String run(HttpServer site) {
        chromium.driver().get(origin(site) + "/?api=" + service.uri("/api/v1").toString());
        return new WebDriverWait(chromium.driver(), Duration.ofSeconds(20)).withMessage("the page's outcome")
                .until(driver -> {
                    String text = driver.findElement(By.id("outcome")).getText();
                    return text.isEmpty() ? null : text;
                });
    }

    private static String origin(HttpServer site) {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    /** A tiny static site on a free port: one page whose script calls the API named in its query. */
    private static HttpServer site() throws IOException {
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        site.start();
        return site;
    }

    private static final String PAGE = """
            <!doctype html><html><body><p id="outcome"></p><script>
            const api = new URLSearchParams(location.search).get('api');
            const say = (text) => { document.getElementById('outcome').textContent = text; };
            (async () => {
              try {
                const listing = await (await fetch(`${api}/artifacts?limit=500`)).json();
                const refresh = await fetch(`${api}/user-collections/default/refresh-cache`,
                  { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
                say(`listed ${listing.items.length} of ${listing.page_info.total_count}; refreshed default: ${refresh.status}`);
              } catch (e) {
                say(`refused: ${e.name}`);
              }
            })();
            </script></body></html>
            """;
}
