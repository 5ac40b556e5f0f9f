package dev.artifactcache.cli;

import jakarta.json.JsonObject;

import java.io.Console;
import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn in place, for refreshes that take a while: drawn from the
 * service's progress lines, and wiped before the summary is printed where it stood.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private int drawnLength;

    ProgressBar(PrintWriter out) {
        this.out = out;
    }

    /** Redraws the bar from one progress object {@code {"scanned","total","collections_done","collections"}}. */
    void show(JsonObject progress) {
        String line = render(progress.getInt("scanned"), progress.getInt("total"), progress.getInt("collections_done"),
                progress.getInt("collections"));
        out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        out.flush();
        drawnLength = line.length();
    }

    /** Wipes the bar, so that what comes next starts on a clean line. */
    void clear() {
        if (drawnLength > 0) {
            out.print("\r" + " ".repeat(drawnLength) + "\r");
            out.flush();
            drawnLength = 0;
        }
    }

    /**
     * {@code Refreshing [#########---------------------] 1500/5000 artifacts  0/1 collections}: filled
     * by artifacts, so one large collection moves the bar as its chunks are written.
     */
    static String render(int scanned, int total, int collectionsDone, int collections) {
        int filled = total <= 0 ? WIDTH : (int) ((long) WIDTH * Math.min(scanned, total) / total);
        return "Refreshing [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + scanned + "/" + total
                + (total == 1 ? " artifact" : " artifacts") + "  " + collectionsDone + "/" + collections
                + (collections == 1 ? " collection" : " collections");
    }

    /**
     * Whether the output is a terminal a bar can be redrawn on. JDK 21 has a console only when
     * stdin and stdout are terminals; later JDKs may have one otherwise too and say so in
     * {@code isTerminal()} (added in 22, so looked up rather than called).
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
