package dev.artifactcache.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pieces of text output: tables, cut cells, the progress bar, ages. */
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
    void progressBarFillsWithTheStepsDone() {
        assertEquals("Refreshing [------------------------------] 0/3  0 artifacts", ProgressBar.render(0, 3, 0));
        assertEquals("Refreshing [##########--------------------] 1/3  1 artifact", ProgressBar.render(1, 3, 1));
        assertEquals("Refreshing [##############################] 3/3  2500 artifacts", ProgressBar.render(3, 3, 2500));
        assertEquals("Refreshing [##############################] 0/0  0 artifacts", ProgressBar.render(0, 0, 0));
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
