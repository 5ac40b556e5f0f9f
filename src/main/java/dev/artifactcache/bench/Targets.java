package dev.artifactcache.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets of performance.md, checked against one run (they are stated for 100,000 artifacts). */
final class Targets {

    /**
     * @param what     the target's row in performance.md
     * @param target   the bound
     * @param measured the figure, or why there is none
     * @param holds    true, false, or null when not measured
     */
    record Target(String what, String target, String measured, Boolean holds) {
    }

    private Targets() {
    }

    static List<Target> check(RunFigures run, int manyClients) {
        List<Target> targets = new ArrayList<>();
        LoadDriver.Result one = result(run.queries(1));
        LoadDriver.Result many = result(run.queries(manyClients));
        LoadDriver.Result floor = result(run.floor(1));
        if (one != null) {
            double p50 = ms(one.all(), 50);
            double p99 = ms(one.all(), 99);
            targets.add(new Target("query page, 1 client", "p50 <= 1 ms, p99 <= 5 ms",
                    "p50 " + fmt(p50) + " ms, p99 " + fmt(p99) + " ms", p50 <= 1 && p99 <= 5));
        }
        if (many != null) {
            double p99 = ms(many.all(), 99);
            targets.add(new Target("query page, " + manyClients + " clients", ">= 5000 req/s, p99 <= 15 ms",
                    String.format(Locale.ROOT, "%.0f req/s, p99 %s ms", many.throughput(), fmt(p99)),
                    many.throughput() >= 5000 && p99 <= 15));
        }
        if (one != null && floor != null) {
            double ratio = ms(one.all(), 50) / ms(floor.all(), 50);
            targets.add(new Target("query p50 vs the floor route", "<= 2x",
                    String.format(Locale.ROOT, "%.2fx (%s vs %s ms)", ratio, fmt(ms(one.all(), 50)), fmt(ms(floor.all(), 50))),
                    ratio <= 2));
        }
        targets.add(facetTookMs(run));
        targets.add(edit("sync-artifact, file changed, until visible", "p99 <= 10 ms", run.sync(), 10));
        targets.add(edit("file edited (watcher), until visible", "p99 <= 500 ms", run.watcher(), 500));
        RunFigures.Start cold = run.cold();
        targets.add(new Target("cold population (JVM launch to population done)", "<= 15 s",
                String.format(Locale.ROOT, "%.1f s (population itself %.1f s; service CPU %.0f s; others used %.1f cores)",
                        cold.readyMs() / 1e3, cold.populationMs() / 1e3, cold.toReady().serviceSeconds(), cold.toReady().otherCores()),
                cold.readyMs() <= 15_000));
        RunFigures.Start warm = run.warm();
        targets.add(new Target("warm restart until the first query is served", "<= 3 s",
                String.format(Locale.ROOT, "%.2f s (service CPU %.1f s; others used %.1f cores)", warm.readyMs() / 1e3,
                        warm.toReady().serviceSeconds(), warm.toReady().otherCores()), warm.readyMs() <= 3_000));
        targets.add(run.heapAfterGcBytes() == null
                ? new Target("heap after full GC", "<= 512 MB", "not measured (no jcmd)", null)
                : new Target("heap after full GC", "<= 512 MB", String.format(Locale.ROOT, "%.0f MB", run.heapAfterGcBytes() / 1048576.0),
                run.heapAfterGcBytes() <= 512L * 1024 * 1024));
        targets.add(run.fileReads() == null
                ? new Target("reads that touch the files or H2", "0", "not measured (no artifact_cache_file_reads_total metric)", null)
                : new Target("reads that touch the files or H2", "0", run.fileReads() + " file reads during the query runs",
                run.fileReads() == 0));
        return targets;
    }

    /** The distinct mix's kinds that count facets, each request's first answer: the server's took_ms. */
    private static Target facetTookMs(RunFigures run) {
        Histogram facets = LoadDriver.histogram();
        run.firstTookMs().forEach((kind, took) -> {
            if (kind.contains("facets")) {
                facets.add(took);
            }
        });
        double p50 = ms(facets, 50);
        return new Target("facet counts, server took_ms (first answers)", "p50 <= 1 ms",
                "p50 " + fmt(p50) + " ms, p99 " + fmt(ms(facets, 99)) + " ms over " + facets.getTotalCount() + " requests", p50 <= 1);
    }

    private static Target edit(String what, String target, EditScenarios.Outcome outcome, double p99Bound) {
        if (outcome.skipped() != null) {
            return new Target(what, target, outcome.skipped(), null);
        }
        double p99 = ms(outcome.latency(), 99);
        return new Target(what, target, "p99 " + fmt(p99) + " ms over " + outcome.samples() + " edits, " + outcome.errors() + " errors",
                outcome.errors() == 0 && p99 <= p99Bound);
    }

    private static LoadDriver.Result result(RunFigures.LoadRun run) {
        return run == null ? null : run.result();
    }

    static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** {@code p50 / p99} in milliseconds, as the log and the table print a latency. */
    static String p50p99(Histogram histogram) {
        return fmt(ms(histogram, 50)) + " / " + fmt(ms(histogram, 99));
    }

    static String fmt(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.3f" : "%.1f", ms);
    }
}
