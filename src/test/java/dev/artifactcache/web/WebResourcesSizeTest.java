package dev.artifactcache.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 budgeted the page at under 60 KB uncompressed, all files together, with no build step;
 * the artifact view and editing (issue 14) and the results views (issue 16) raised it to 80 KB.
 */
class WebResourcesSizeTest {

    private static final long BUDGET_BYTES = 80 * 1024;

    @Test
    void thePageStaysWithinItsBudget() throws IOException, URISyntaxException {
        Path web = Path.of(WebResourcesSizeTest.class.getResource("/web").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(web)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        assertTrue(total < BUDGET_BYTES, "the web resources weigh " + total + " bytes, over the " + BUDGET_BYTES + " budget");
        assertEquals(List.of(), files.stream().map(f -> f.getFileName().toString())
                .filter(name -> !name.matches(".+\\.(html|css|js)")).toList(), "only plain HTML, CSS and JavaScript");
    }
}
