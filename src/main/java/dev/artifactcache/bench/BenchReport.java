package dev.artifactcache.bench;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results as JSON (JSON-P, written once at the end) and as a text table. */
final class BenchReport {

    private static final JsonProvider JSON = JsonProvider.provider();

    private BenchReport() {
    }

    static JsonObject json(Machine machine, JsonObject settings, List<RunFigures> runs, int manyClients) {
        JsonArrayBuilder runArray = JSON.createArrayBuilder();
        runs.forEach(run -> runArray.add(run(run, manyClients)));
        return JSON.createObjectBuilder()
                .add("machine", JSON.createObjectBuilder()
                        .add("cpus", machine.cpus())
                        .add("cpu_model", machine.cpuModel())
                        .add("memory_gb", Math.round(machine.memoryBytes() / 1e8) / 10.0)
                        .add("jdk", machine.jdk())
                        .add("os", machine.os()))
                .add("settings", settings)
                .add("runs", runArray)
                .build();
    }

    static void write(JsonObject report, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (Writer out = Files.newBufferedWriter(file);
             JsonWriter writer = JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(report);
        }
    }

    private static JsonObjectBuilder run(RunFigures run, int manyClients) {
        HomeGenerator.GeneratedHome home = run.home();
        JsonObjectBuilder perType = JSON.createObjectBuilder();
        home.perType().forEach((type, count) -> perType.add(type.wire(), count));
        JsonArrayBuilder mix = JSON.createArrayBuilder();
        run.mix().forEach(checked -> mix.add(JSON.createObjectBuilder()
                .add("kind", checked.query().kind())
                .add("query", checked.query().label())
                .add("status", checked.status())
                .add("total_count", checked.totalCount())
                .add("items", checked.items())));
        JsonArrayBuilder load = JSON.createArrayBuilder();
        run.queries().forEach(result -> load.add(load("distinct", result)));
        run.cached().forEach(result -> load.add(load("cached", result)));
        run.floor().forEach(result -> load.add(load("floor", result)));
        JsonArrayBuilder targets = JSON.createArrayBuilder();
        Targets.check(run, manyClients).forEach(target -> {
            JsonObjectBuilder row = JSON.createObjectBuilder().add("what", target.what()).add("target", target.target())
                    .add("measured", target.measured());
            targets.add(target.holds() == null ? row.addNull("holds") : row.add("holds", target.holds()));
        });
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("artifacts", run.artifacts())
                .add("collections", home.spec().collections())
                .add("seed", home.spec().seed())
                .add("generate", JSON.createObjectBuilder()
                        .add("ms", run.generateMs())
                        .add("bytes", home.bytes())
                        .add("per_type", perType)
                        .add("without_frontmatter", home.withoutFrontmatter())
                        .add("lenient_frontmatter", home.lenientFrontmatter()))
                .add("cold_start", JSON.createObjectBuilder()
                        .add("listening_ms", run.cold().listeningMs())
                        .add("populated_ms", run.cold().populatedMs())
                        .add("population_ms", run.cold().populationMs())
                        .add("cpu_to_populated", cpu(run.cold().toPopulated())))
                .add("warm_restart", JSON.createObjectBuilder()
                        .add("listening_ms", run.warm().listeningMs())
                        .add("first_query_ms", run.warm().readyMs())
                        .add("cpu_to_first_query", cpu(run.warm().toReady()))
                        .add("rescanned_ms", run.warm().populatedMs())
                        .add("rescan_ms", run.warm().populationMs())
                        .add("cpu_to_rescanned", cpu(run.warm().toPopulated())))
                .add("mix", mix)
                .add("distinct_requests", run.distinctRequests())
                .add("first_took_ms", byKind(run.firstTookMs()))
                .add("load", load)
                .add("text_search_took_ms", JSON.createObjectBuilder()
                        .add("query", "q=<word>&" + TextSearchTimes.FILTERS)
                        .add("other_query", "q=<word>&" + TextSearchTimes.OTHER_FILTERS)
                        .add("words", run.textTimes().words().size())
                        .add("new_word", latency(run.textTimes().newWord()))
                        .add("repeated", latency(run.textTimes().repeated()))
                        .add("new_filters", latency(run.textTimes().newFilters())))
                .add("memory", nullable(nullable(JSON.createObjectBuilder(), "heap_after_gc_mb", mb(run.heapAfterGcBytes())),
                        "rss_mb", mb(run.rssBytes())))
                .add("sync_artifact_warmup", edit(run.syncWarmup()))
                .add("sync_artifact", edit(run.sync()).add("cpu", cpu(run.syncCpu())))
                .add("watcher", edit(run.watcher()))
                .add("targets", targets);
        return run.fileReads() == null ? json.addNull("file_reads_during_queries") : json.add("file_reads_during_queries", run.fileReads());
    }

    private static JsonObjectBuilder cpu(CpuUse cpu) {
        return JSON.createObjectBuilder()
                .add("wall_seconds", Math.round(cpu.seconds() * 100) / 100.0)
                .add("service_cpu_seconds", Math.round(cpu.serviceSeconds() * 100) / 100.0)
                .add("service_jit_compiler_cpu_seconds", Math.round(cpu.jitSeconds() * 100) / 100.0)
                .add("bench_cpu_seconds", Math.round(cpu.benchSeconds() * 100) / 100.0)
                .add("other_processes_cores", Math.round(cpu.otherCores() * 100) / 100.0);
    }

    private static JsonObjectBuilder load(String target, RunFigures.LoadRun run) {
        LoadDriver.Result result = run.result();
        JsonArrayBuilder errors = JSON.createArrayBuilder();
        result.firstErrors().forEach(errors::add);
        return JSON.createObjectBuilder()
                .add("target", target)
                .add("clients", result.clients())
                .add("requests", result.requests())
                .add("errors", result.errors())
                .add("first_errors", errors)
                .add("seconds", Math.round(result.wallNanos() / 1e6) / 1e3)
                .add("throughput_rps", Math.round(result.throughput()))
                .add("latency_ms", latency(result.all()))
                .add("service_cpu_ms_per_request", Math.round(run.serviceCpuMsPerRequest() * 1000) / 1000.0)
                .add("cpu", cpu(run.cpu()))
                .add("by_kind", byKind(result.byKind()));
    }

    private static JsonObjectBuilder byKind(Map<String, Histogram> histograms) {
        JsonObjectBuilder byKind = JSON.createObjectBuilder();
        histograms.forEach((kind, histogram) -> byKind.add(kind, latency(histogram)));
        return byKind;
    }

    private static JsonObjectBuilder edit(EditScenarios.Outcome outcome) {
        if (outcome.skipped() != null) {
            return JSON.createObjectBuilder().add("skipped", outcome.skipped());
        }
        JsonArrayBuilder errors = JSON.createArrayBuilder();
        outcome.firstErrors().forEach(errors::add);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("samples", outcome.samples())
                .add("errors", outcome.errors())
                .add("first_errors", errors)
                .add("latency_ms", latency(outcome.latency()));
        return outcome.request() == null ? json : json.add("request_ms", latency(outcome.request()));
    }

    private static JsonObjectBuilder latency(Histogram histogram) {
        return JSON.createObjectBuilder()
                .add("count", histogram.getTotalCount())
                .add("p50", rounded(Targets.ms(histogram, 50)))
                .add("p95", rounded(Targets.ms(histogram, 95)))
                .add("p99", rounded(Targets.ms(histogram, 99)))
                .add("max", rounded(histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1e6))
                .add("mean", rounded(histogram.getTotalCount() == 0 ? 0 : histogram.getMean() / 1e6));
    }

    private static JsonObjectBuilder nullable(JsonObjectBuilder json, String key, Double value) {
        return value == null ? json.addNull(key) : json.add(key, value);
    }

    private static Double mb(Long bytes) {
        return bytes == null ? null : Math.round(bytes / 104857.6) / 10.0;
    }

    private static double rounded(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    /** The figures as a plain-text table, one column per size; then the targets of the largest run. */
    static String table(Machine machine, List<RunFigures> runs, List<Integer> clients, int manyClients) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "machine: %d cpus, %s, %.1f GB RAM, %s%n%n", machine.cpus(), machine.cpuModel(),
                machine.memoryBytes() / 1e9, machine.jdk()));
        row(out, "artifacts", runs, run -> String.format(Locale.ROOT, "%,d", run.artifacts()));
        row(out, "generate (s)", runs, run -> seconds(run.generateMs()));
        row(out, "cold: launch -> populated (s)", runs, run -> seconds(run.cold().readyMs()));
        row(out, "cold: population itself (s)", runs, run -> seconds(run.cold().populationMs()));
        row(out, "cold: service CPU (s) / others (cores)", runs, run -> cpuCell(run.cold().toReady()));
        row(out, "warm restart: first query (s)", runs, run -> seconds(run.warm().readyMs()));
        row(out, "warm: service CPU (s) / others (cores)", runs, run -> cpuCell(run.warm().toReady()));
        row(out, "warm restart: re-scan (s)", runs, run -> seconds(run.warm().populationMs()));
        row(out, "heap after full GC (MB)", runs, run -> run.heapAfterGcBytes() == null ? "-"
                : String.format(Locale.ROOT, "%.0f", run.heapAfterGcBytes() / 1048576.0));
        for (int c : clients) {
            row(out, "distinct " + c + "c: p50/p95/p99/max ms", runs, run -> percentiles(run.queries(c)));
            row(out, "distinct " + c + "c: req/s", runs, run -> throughput(run.queries(c)));
            row(out, "distinct " + c + "c: CPU ms/req / others", runs, run -> loadCpu(run.queries(c)));
            row(out, "cached " + c + "c: p50/p95/p99/max ms", runs, run -> percentiles(run.cached(c)));
            row(out, "cached " + c + "c: req/s", runs, run -> throughput(run.cached(c)));
            row(out, "floor " + c + "c: p50/p95/p99/max ms", runs, run -> percentiles(run.floor(c)));
            row(out, "floor " + c + "c: req/s", runs, run -> throughput(run.floor(c)));
        }
        for (String kind : runs.isEmpty() ? List.<String>of() : runs.getFirst().firstTookMs().keySet()) {
            row(out, "first took_ms " + kind + ": p50/p99", runs, run -> Targets.p50p99(run.firstTookMs().get(kind)));
        }
        row(out, "text took_ms, new word: p50/p99", runs, run -> Targets.p50p99(run.textTimes().newWord()));
        row(out, "text took_ms, same again: p50/p99", runs, run -> Targets.p50p99(run.textTimes().repeated()));
        row(out, "text took_ms, another tag: p50/p99", runs, run -> Targets.p50p99(run.textTimes().newFilters()));
        row(out, "sync-artifact warm-up: p50/p99 ms", runs, run -> editFigures(run.syncWarmup()));
        row(out, "sync-artifact: p50/p99 ms", runs, run -> editFigures(run.sync()));
        row(out, "watcher: p50/p99 ms", runs, run -> editFigures(run.watcher()));
        if (!runs.isEmpty()) {
            RunFigures largest = runs.getLast();
            out.append(String.format(Locale.ROOT, "%ndistinct mix kinds, 1 client, %,d artifacts: p50 / p99 ms%n", largest.artifacts()));
            RunFigures.LoadRun one = largest.queries(1);
            if (one != null) {
                one.result().byKind().forEach((kind, h) -> out.append(String.format(Locale.ROOT, "  %-16s %s / %s%n", kind,
                        Targets.fmt(Targets.ms(h, 50)), Targets.fmt(Targets.ms(h, 99)))));
            }
            out.append(String.format(Locale.ROOT, "%ntargets (performance.md), %,d artifacts:%n", largest.artifacts()));
            for (Targets.Target target : Targets.check(largest, manyClients)) {
                String verdict = target.holds() == null ? "n/a " : target.holds() ? "OK  " : "MISS";
                out.append(String.format(Locale.ROOT, "  %s %-48s %-28s %s%n", verdict, target.what(), target.target(), target.measured()));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, List<RunFigures> runs, java.util.function.Function<RunFigures, String> cell) {
        out.append(String.format(Locale.ROOT, "%-36s", label));
        runs.forEach(run -> out.append(String.format(Locale.ROOT, " | %-26s", cell.apply(run))));
        out.append('\n');
    }

    private static String cpuCell(CpuUse cpu) {
        return String.format(Locale.ROOT, "%.1f / %.1f", cpu.serviceSeconds(), cpu.otherCores());
    }

    private static String loadCpu(RunFigures.LoadRun run) {
        return run == null ? "-" : String.format(Locale.ROOT, "%.3f / %.1f", run.serviceCpuMsPerRequest(), run.cpu().otherCores());
    }

    private static String percentiles(RunFigures.LoadRun run) {
        if (run == null) {
            return "-";
        }
        LoadDriver.Result result = run.result();
        Histogram h = result.all();
        return Targets.fmt(Targets.ms(h, 50)) + " / " + Targets.fmt(Targets.ms(h, 95)) + " / " + Targets.fmt(Targets.ms(h, 99))
                + " / " + Targets.fmt(h.getMaxValue() / 1e6) + (result.errors() > 0 ? " (" + result.errors() + " errors)" : "");
    }

    private static String throughput(RunFigures.LoadRun run) {
        return run == null ? "-" : String.format(Locale.ROOT, "%,.0f", run.result().throughput());
    }

    private static String editFigures(EditScenarios.Outcome outcome) {
        if (outcome.skipped() != null) {
            return "skipped";
        }
        return Targets.p50p99(outcome.latency()) + (outcome.errors() > 0 ? " (" + outcome.errors() + " errors)" : "");
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.2f", ms / 1e3);
    }
}
