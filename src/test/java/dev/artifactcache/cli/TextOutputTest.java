package dev.artifactcache.cli;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pieces of text output: tables, cut cells, the progress bar, the population line, ages. */
class TextOutputTest {

    @Test
    void tableColumnsFitTheirWidestCellAndNumbersAlignRight() {
        String table = new TextTable("COLLECTION", "ARTIFACTS", "NOTE")
                .row("default", 1200, "")
                .row("w", 7, "broken manifest")
                .render();

        assertEquals("""
                COLLECTION  ARTIFACTS  NOTE
                default          1200
                w                   7  broken manifest
                """, table);
    }

    @Test
    void cutKeepsOneLineAndMarksTheCut() {
        assertEquals("short", TextTable.cut("  short ", 10));
        assertEquals("two lines", TextTable.cut("two\n  lines", 10));
        assertEquals("abcdefg...", TextTable.cut("abcdefghijklmnop", 10));
        assertEquals("", TextTable.cut(null, 10));
    }

    @Test
    void progressBarFillsWithTheArtifactsScanned() {
        assertEquals("Refreshing [------------------------------] 0/5000 artifacts  0/1 collection",
                ProgressBar.render(0, 5000, 0, 1));
        assertEquals("Refreshing [#########---------------------] 1500/5000 artifacts  0/1 collection",
                ProgressBar.render(1500, 5000, 0, 1));
        assertEquals("Refreshing [####################----------] 3000/4500 artifacts  2/3 collections",
                ProgressBar.render(3000, 4500, 2, 3));
        assertEquals("Refreshing [##############################] 1/1 artifact  1/1 collection",
                ProgressBar.render(1, 1, 1, 1));
        assertEquals("Refreshing [##############################] 0/0 artifacts  0/0 collections",
                ProgressBar.render(0, 0, 0, 0));
    }

    @Test
    void populationLineSaysWhenItFinishedOrWhyTheServiceAnswersBeforeIt() {
        Instant finished = Instant.parse("2026-11-20T10:00:00Z");
        JsonObject done = json("""
                {"artifacts":32,"collections":"2/2","finishedAt":"2026-11-20T10:00:00.123456Z","startedInStep":false,"state":"done"}
                """);
        assertEquals("done at 2026-11-20T10:00:00Z (3 min ago): 2/2 collections, 32 artifacts",
                StatsCommand.population(done, finished.plusSeconds(180)));
        assertEquals("done at 2026-11-20T10:00:00Z: 2/2 collections, 32 artifacts",
                StatsCommand.population(done, finished.minusSeconds(5)), "the service's clock ahead of this one's");
        assertEquals("failed at 2026-11-20T10:00:00Z (2.0 h ago): 1/2 collections, 22 artifacts; failed: disk full",
                StatsCommand.population(json("""
                        {"artifacts":22,"collections":"1/2","failure":"disk full","finishedAt":"2026-11-20T10:00:00Z",
                         "startedInStep":false,"state":"failed"}
                        """), finished.plusSeconds(7200)));
        assertEquals("running: 1/2 collections, 22 artifacts; serving meanwhile (the index was in step with the "
                + "database at start)", StatsCommand.population(json("""
                        {"artifacts":22,"collections":"1/2","startedInStep":true,"state":"running"}
                        """), finished));
        assertEquals("running: 1/2 collections, 22 artifacts", StatsCommand.population(json("""
                        {"artifacts":22,"collections":"1/2","startedInStep":false,"state":"running"}
                        """), finished));
    }

    private static JsonObject json(String text) {
        return JsonProvider.provider().createReader(new StringReader(text)).readObject();
    }

    @Test
    void agesAreAsPreciseAsAPersonNeeds() {
        assertEquals("0 s", StatsCommand.age(0.2));
        assertEquals("89 s", StatsCommand.age(89));
        assertEquals("30 min", StatsCommand.age(1800));
        assertEquals("2.5 h", StatsCommand.age(9000));
        assertEquals("3.0 days", StatsCommand.age(3 * 86_400));
    }
}
