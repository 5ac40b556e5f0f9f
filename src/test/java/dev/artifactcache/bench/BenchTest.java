package dev.artifactcache.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner end to end at a small size: the real service in a child JVM, every step of a run.
 * It checks that the run is correct (every request answered 200, the report complete), never how
 * fast anything was: timings belong to the benchmark, not to the tests.
 */
class BenchTest {

    private static final int ARTIFACTS = 200;
    private static final int REQUESTS = 300;
    private static final int DISTINCT = 120;

    @TempDir
    Path tmp;

    @Test
    void aSmallRunCompletesWithEveryRequestAnsweredAndAFullReport() throws Exception {
        Path json = tmp.resolve("report.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = new CommandLine(new Bench(new PrintStream(printed, true, StandardCharsets.UTF_8))).execute(
                "--sizes=" + ARTIFACTS, "--clients=1,2", "--requests=" + REQUESTS, "--distinct=" + DISTINCT, "--warmup=60", "--warmup-unseen=80", "--sync-warmup=3", "--sync-edits=5",
                "--watcher-edits=2", "--watcher-probe-ms=5000", "--work=" + tmp.resolve("work"), "--json=" + json);
        String output = printed.toString(StandardCharsets.UTF_8);

        assertEquals(0, exit, output);
        assertTrue(output.contains("targets (performance.md)"), output);
        JsonObject report = QueryMix.parse(Files.readString(json));
        assertTrue(report.getJsonObject("machine").getInt("cpus") > 0);
        assertEquals(80, report.getJsonObject("settings").getInt("warmup_unseen_requests"));
        assertEquals(3, report.getJsonObject("settings").getInt("sync_warmup_edits"));
        assertTrue(output.contains("warm-up: 60 queries, 80 unseen ones (2 clients), 60 floor requests"), output);
        JsonArray runs = report.getJsonArray("runs");
        assertEquals(1, runs.size());
        JsonObject run = runs.getJsonObject(0);
        assertEquals(ARTIFACTS, run.getInt("artifacts"));
        assertEquals(Set.of("artifacts", "collections", "seed", "generate", "cold_start", "warm_restart", "mix", "distinct_requests",
                "first_took_ms", "load",
                "text_search_took_ms", "memory", "sync_artifact_warmup", "sync_artifact", "watcher", "targets", "file_reads_during_queries"), run.keySet());

        JsonArray mix = run.getJsonArray("mix");
        int cursorPages = (ARTIFACTS > 20 ? 1 : 0) + (ARTIFACTS > 9 * 50 ? 1 : 0); // page 2 of 20, page 10 of 50
        assertEquals(QueryMix.parameters().values().stream().mapToInt(List::size).sum() + cursorPages, mix.size(),
                "every query, and the cursor pages the collection has");
        for (JsonValue value : mix) {
            JsonObject query = value.asJsonObject();
            assertEquals(200, query.getInt("status"), query.toString());
            if (query.getString("query").startsWith("limit=")) {
                assertEquals(ARTIFACTS, query.getJsonNumber("total_count").longValue(), query.toString());
            }
        }

        Set<String> loads = new HashSet<>();
        for (JsonValue value : run.getJsonArray("load")) {
            JsonObject load = value.asJsonObject();
            loads.add(load.getString("target") + "/" + load.getInt("clients"));
            assertEquals(REQUESTS, load.getJsonNumber("requests").longValue(), load.toString());
            assertEquals(0, load.getJsonNumber("errors").longValue(), load.toString());
            assertEquals(REQUESTS, load.getJsonObject("latency_ms").getJsonNumber("count").longValue());
            assertFalse(load.getJsonObject("by_kind").isEmpty());
        }
        assertEquals(Set.of("distinct/1", "distinct/2", "cached/1", "cached/2", "floor/1", "floor/2"), loads);
        assertEquals(DISTINCT, run.getInt("distinct_requests"));
        JsonObject firstTook = run.getJsonObject("first_took_ms");
        assertEquals(DistinctMix.KINDS.stream().map(DistinctMix.Kind::name).toList(), List.copyOf(firstTook.keySet()));
        assertEquals(DISTINCT, firstTook.values().stream().mapToInt(kind -> kind.asJsonObject().getInt("count")).sum());

        JsonObject text = run.getJsonObject("text_search_took_ms");
        int words = TextSearchTimes.words().size();
        assertEquals(words, text.getInt("words"));
        for (String times : List.of("new_word", "repeated", "new_filters")) {
            assertEquals(words, text.getJsonObject(times).getInt("count"), times);
        }
        assertEquals("q=<word>&artifact_type=skill,agent&tags=python&facets=true", text.getString("query"));
        assertEquals("q=<word>&artifact_type=skill,agent&tags=testing&facets=true", text.getString("other_query"));

        assertEdits(run.getJsonObject("sync_artifact_warmup"), 3);
        assertEdits(run.getJsonObject("sync_artifact"), 5);
        JsonObject syncCpu = run.getJsonObject("sync_artifact").getJsonObject("cpu");
        assertEquals(Set.of("wall_seconds", "service_cpu_seconds", "service_jit_compiler_cpu_seconds", "bench_cpu_seconds",
                "other_processes_cores"), syncCpu.keySet());
        assertTrue(syncCpu.getJsonNumber("service_jit_compiler_cpu_seconds").doubleValue()
                <= syncCpu.getJsonNumber("service_cpu_seconds").doubleValue(), syncCpu.toString());
        assertEdits(run.getJsonObject("watcher"), 2);
        assertEquals(10, run.getJsonArray("targets").size());
        assertTrue(run.getJsonObject("cold_start").getJsonNumber("population_ms").longValue() >= 0);
        assertTrue(run.getJsonObject("warm_restart").getJsonNumber("first_query_ms").longValue() > 0);
        assertFalse(Files.exists(tmp.resolve("work").resolve(Integer.toString(ARTIFACTS))), "the run's files are removed without --keep");
    }

    @Test
    void theJitCompilerThreadsAreFoundByName() throws IOException {
        // This JVM has compiled the test classes' hot paths by now: its compiler threads have CPU time.
        long pid = ProcessHandle.current().pid();
        Map<String, Long> compilers = CpuUse.compilerThreadTicks(pid);
        long threads;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            threads = tasks.count();
        }
        assertTrue(!compilers.isEmpty() && compilers.size() < threads, compilers + " of " + threads + " threads");
        assertTrue(compilers.values().stream().mapToLong(Long::longValue).sum() > 0, compilers.toString());
    }

    @Test
    void theUnseenWarmUpHoldsNoMeasuredRequest() {
        List<QueryMix.Query> measured = DistinctMix.build("default", 4000, 42);
        List<QueryMix.Query> unseen = SizeRun.unseen(measured, "default", 4000, 42);
        Set<String> measuredPaths = new HashSet<>(measured.stream().map(QueryMix.Query::path).toList());
        assertEquals(List.of(), unseen.stream().map(QueryMix.Query::path).filter(measuredPaths::contains).toList());
        // About half of another seed's draw is in the measured one: every browse page, type tab and
        // pair of tools the kinds can ask for is drawn by 4,000 requests already, so what remains is
        // texts and tags.
        assertEquals(2038, unseen.size());
        assertEquals(Set.of("word", "prefix_facets", "typo", "type_tag", "words_tag_facets"),
                unseen.stream().map(QueryMix.Query::kind).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void theDistinctMixIsSeededDistinctAndHasEveryKind() {
        List<QueryMix.Query> mix = DistinctMix.build("default", 4000, 42);
        assertEquals(4000, mix.size());
        assertEquals(4000, mix.stream().map(QueryMix.Query::path).distinct().count());
        assertEquals(mix, DistinctMix.build("default", 4000, 42), "the same seed draws the same requests");
        assertEquals(DistinctMix.KINDS.stream().map(DistinctMix.Kind::name).collect(java.util.stream.Collectors.toSet()),
                mix.stream().map(QueryMix.Query::kind).collect(java.util.stream.Collectors.toSet()));
        assertTrue(mix.stream().allMatch(q -> q.path().startsWith("/api/v1/user-collections/default/artifacts?")));
    }

    @Test
    void textSearchesUseDescriptionWordsTheMixDoesNotSearch() {
        List<String> words = TextSearchTimes.words();
        assertEquals(List.of("with", "files", "code", "when"), words.subList(0, 4));
        for (String used : List.of("review", "deploy", "pipeline", "docker", "kubernetes", "type", "skill")) {
            assertFalse(words.contains(used), used);
        }
        assertFalse(words.contains("in-depth"), "letters only");
        assertFalse(words.contains("the"), "four letters at least");
        assertEquals(words.size(), Set.copyOf(words).size(), "each word once");
    }

    /** Either skipped with a reason (the route or watcher is missing) or every edit became visible. */
    private static void assertEdits(JsonObject scenario, int edits) {
        if (scenario.containsKey("skipped")) {
            assertFalse(scenario.getString("skipped").isBlank());
            return;
        }
        assertEquals(edits, scenario.getInt("samples"), scenario.toString());
        assertEquals(0, scenario.getInt("errors"), scenario.toString());
    }
}
