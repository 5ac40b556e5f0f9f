package dev.artifactcache.cli;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sync, refresh, stats and search run in this JVM against the real service: output, --json, exit status. */
class ClientCommandsTest {

    private static final JsonProvider JSON = JsonProvider.provider();

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;
    private URI server;

    @BeforeEach
    void start() {
        home = TestHome.fourArtifacts(tmp.resolve("home")) // pdf-tools also tagged pdf, for the tag filters
                .skill("default", "pdf-tools", "description: Extract text from PDFs\ntags: [pdf]\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START),
                Map.of("security.rate-limit.per-minute", "0"));
        server = service.uri("");
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    @Test
    void syncPrintsEachOutcomeAsItComes() {
        home.skill("default", "pdf-tools", "description: Extract text and tables from PDFs\ntags: [pdf]\n", "");

        Cli.run("sync", "--server", server, "skill:pdf-tools", "mcp:github").assertStatus(ExitStatus.OK);

        CommandResult result = Cli.run("sync", "--server", server, "skill:pdf-tools", "mcp:github", "--collection", "default");
        assertEquals("""
                unchanged  skill:pdf-tools  default
                unchanged  mcp:github       default
                """, result.out());
        assertEquals("Extract text and tables from PDFs",
                service.getJson("/api/v1/user-collections/default/artifacts/skill:pdf-tools").getString("description"));
    }

    @Test
    void syncOfABrokenArtifactPrintsTheReasonAndExits1() throws IOException {
        Files.delete(home.collection("default").resolve("skills/kubernetes-architect/SKILL.md"));

        CommandResult result = Cli.run("sync", "--server", server, "skill:kubernetes-architect", "skill:pdf-tools")
                .assertStatus(ExitStatus.FAILED);

        assertEquals("""
                failed     skill:kubernetes-architect  default  skills/kubernetes-architect: the folder has no SKILL.md or skill.md
                unchanged  skill:pdf-tools             default
                """, result.out());
        assertEquals("", result.err());
    }

    @Test
    void syncJsonIsAnArrayOfTheServiceResults() {
        CommandResult result = Cli.run("sync", "--json", "--server", server, "skill:pdf-tools", "agent:nobody")
                .assertStatus(ExitStatus.FAILED);

        JsonArray results = JSON.createReader(new StringReader(result.out())).readArray();
        assertEquals(2, results.size());
        JsonObject first = results.getJsonObject(0);
        assertEquals("unchanged", first.getString("outcome"));
        assertEquals("Extract text from PDFs", first.getJsonObject("artifact").getString("description"));
        assertEquals("agent:nobody is not in collection.toml of collection \"default\"",
                results.getJsonObject(1).getString("error"));
    }

    @Test
    void usageErrorsFoundByTheServiceOrTheCommandLineExit2WithOneLine() {
        Cli.run("sync", "--server", server, "skill:pdf-tools", "--collection", "nope")
                .assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("No collection \"nope\"; there are these: default, work.");
        Cli.run("sync", "--server", server, "pdf-tools")
                .assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("artifact id "
                        + "\"pdf-tools\" has no type; expected \"<type>:<name>\", e.g. \"skill:pdf-tools\" "
                        + "(see: artifact-cache sync --help)");
        Cli.run("refresh", "--server", server, "--type", "plugin")
                .assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("--type: unknown artifact type \"plugin\"; expected "
                        + "one of skill, command, agent, hook, mcp, workflow, composite (see: artifact-cache refresh --help)");
        Cli.run("search", "--server", server, "--limit", "500")
                .assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("--limit must be from 1 to 100, got 500 (see: artifact-cache search --help)");
        Cli.run("stats", "--server", "localhost:8080")
                .assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("--server: \"localhost:8080\" is not the service's "
                        + "address; write it as http://HOST:PORT, e.g. http://127.0.0.1:8080 (see: artifact-cache stats --help)");
        Cli.run("stats", "--nope").assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("Unknown option: '--nope' (see: artifact-cache stats --help)");
        Cli.run("sync", "--server", server).assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("Missing required parameter: 'TYPE:NAME' (see: artifact-cache sync --help)");
        Cli.run("hook").assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("Missing required subcommand (see: artifact-cache hook --help)");
    }

    @Test
    void refreshPrintsASummaryAndEachFailure() throws IOException {
        Files.delete(home.collection("default").resolve("skills/kubernetes-architect/SKILL.md"));
        home.skill("work", "linter", "description: Lint it\n", "");

        CommandResult result = Cli.run("refresh", "--server", server).assertStatus(ExitStatus.FAILED);

        assertTrue(result.out().matches("""
                Refreshed 5 artifacts in [0-9.]+ s: 1 created, 3 unchanged, 1 failed
                  failed  skill:kubernetes-architect in default: skills/kubernetes-architect: the folder has no SKILL.md or skill.md
                """), result::toString);
        assertEquals("", result.err());
        assertEquals("Lint it", service.getJson("/api/v1/user-collections/work/artifacts/skill:linter").getString("description"));
    }

    @Test
    void refreshOptionsNarrowTheChoice() {
        assertTrue(Cli.run("refresh", "--server", server, "--collection", "default").assertStatus(0).out()
                .startsWith("Refreshed 3 artifacts in "));
        assertTrue(Cli.run("refresh", "--server", server, "--type", "mcp,agent").out().startsWith("Refreshed 1 artifact in "));
        assertTrue(Cli.run("refresh", "--server", server, "--tag", "pdf", "--type", "skill").out()
                .startsWith("Refreshed 1 artifact in "));
        assertTrue(Cli.run("refresh", "--server", server, "--stale-only").out().matches("Refreshed 0 artifacts in [0-9.]+ s\n"));
        service.clock().advance(Duration.ofMinutes(31));
        assertTrue(Cli.run("refresh", "--server", server, "--stale-only").out().startsWith("Refreshed 4 artifacts in "));
    }

    @Test
    void refreshJsonIsTheServiceResult() throws IOException {
        Files.delete(home.collection("work").resolve("skills/code-reviewer/SKILL.md"));

        CommandResult result = Cli.run("refresh", "--json", "--server", server, "--collection", "work")
                .assertStatus(ExitStatus.FAILED);

        JsonObject json = JSON.createReader(new StringReader(result.out())).readObject();
        assertEquals(JSON.createReader(new StringReader("""
                {"scanned":1,"created":0,"updated":0,"unchanged":0,"deleted":0,"failed":1,
                 "errors":[{"artifact_id":"skill:code-reviewer","collection":"work",
                            "detail":"skills/code-reviewer: the folder has no SKILL.md or skill.md"}]}
                """)).readObject(), JSON.createObjectBuilder(json).remove("took_ms").build());
    }

    @Test
    void refreshWithProgressDrawsTheBarThenWipesItForTheSummary() {
        CommandResult result = Cli.run("refresh", "--progress", "--server", server).assertStatus(ExitStatus.OK);

        String[] parts = result.out().split("\r");
        assertEquals("", parts[0]);
        assertEquals("Refreshing [------------------------------] 0/4 artifacts  0/2 collections", parts[1]);
        assertEquals("Refreshing [######################--------] 3/4 artifacts  0/2 collections", parts[2]);
        assertEquals("Refreshing [######################--------] 3/4 artifacts  1/2 collections", parts[3]);
        assertEquals("Refreshing [##############################] 4/4 artifacts  1/2 collections", parts[4]);
        assertEquals("Refreshing [##############################] 4/4 artifacts  2/2 collections", parts[5]);
        assertTrue(parts[6].isBlank());
        assertTrue(parts[7].matches("Refreshed 4 artifacts in [0-9.]+ s: 4 unchanged\n"), result::toString);
        assertEquals(8, parts.length);
    }

    @Test
    void refreshWithoutATerminalDrawsNoBar() {
        assertFalse(Cli.run("refresh", "--server", server).out().contains("\r"));
        assertFalse(Cli.run("refresh", "--no-progress", "--server", server).out().contains("\r"));
    }

    @Test
    void refreshAsAHookPrintsOneLineAndExits0EvenWhenArtifactsFail() throws IOException {
        Files.delete(home.collection("work").resolve("skills/code-reviewer/SKILL.md"));

        CommandResult result = Cli.run("refresh", "--hook", "--server", server, "--collection", "work")
                .assertStatus(ExitStatus.OK);

        assertTrue(result.out().matches("artifact-cache: refreshed collection work: 1 artifact in [0-9.]+ s: 1 failed\n"),
                result::toString);
        Cli.run("refresh", "--hook", "--server", server, "--collection", "nope").assertStatus(ExitStatus.OK)
                .assertOneErrorLine("collection nope not refreshed: No collection \"nope\"; there are these: default, work.");
    }

    @Test
    void statsShowsDocumentsStalenessCollectionsAndWhenThePopulationFinished() {
        assertEquals("""
                Service     %s, ready
                Documents   4: 4 fresh, 0 stale (0.0 %%); a document goes stale 30 min after its files were checked
                Oldest      checked 0 s ago
                Population  done at 2026-11-20T10:00:00Z (0 s ago): 2/2 collections, 4 artifacts
                Index       4 documents, in step with the database

                COLLECTION  ARTIFACTS  STALE
                default             3      0
                work                1      0
                """.formatted(server), Cli.runAt(service.clock(), "stats", "--server", server).assertStatus(ExitStatus.OK).out());

        service.clock().advance(Duration.ofMinutes(45));
        Cli.run("sync", "--server", server, "skill:pdf-tools").assertStatus(ExitStatus.OK);
        home.write("collections/work/collection.toml", "[collection\nbroken");
        Cli.run("sync", "--server", server, "--collection", "work", "skill:code-reviewer").assertStatus(ExitStatus.FAILED);

        String stats = Cli.runAt(service.clock(), "stats", "--server", server).out();
        assertTrue(stats.contains("Documents   4: 1 fresh, 3 stale (75.0 %);"), stats);
        assertTrue(stats.contains("Oldest      checked 45 min ago"), stats);
        assertTrue(stats.contains("Population  done at 2026-11-20T10:00:00Z (45 min ago): 2/2 collections, 4 artifacts"), stats);
        assertTrue(stats.contains("COLLECTION  ARTIFACTS  STALE  PROBLEM\ndefault             3      2\n"
                + "work                1      1  " + home.collection("work").resolve("collection.toml").toString()
                .substring(0, 20)), stats);
    }

    @Test
    void statsJsonHoldsTheThreeAnswersAsTheServiceGaveThem() {
        JsonObject json = JSON.createReader(new StringReader(Cli.run("stats", "--json", "--server", server)
                .assertStatus(ExitStatus.OK).out())).readObject();

        assertEquals(2, json.getJsonObject("collections").getJsonArray("items").size());
        assertEquals(4, json.getJsonObject("cache_stats").getInt("total_artifacts"));
        assertEquals("UP", json.getJsonObject("health").getString("status"));
        assertEquals(JSON.createReader(new StringReader("{\"artifacts\":4,\"collections\":\"2/2\",\"finishedAt\":\"2026-11-20T10:00:00Z\",\"ingester\":true,\"startedInStep\":false,\"state\":\"done\"}")).readObject(),
                json.getJsonObject("health").getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(check -> check.getString("name").equals("population")).findFirst().orElseThrow()
                        .getJsonObject("data"));
    }

    @Test
    void searchPrintsATable() {
        assertEquals("""
                ID               COLLECTION  TAGS      DESCRIPTION
                skill:pdf-tools  default     docs,pdf  Extract text from PDFs
                1 artifact
                """, Cli.run("search", "--server", server, "pdf").assertStatus(ExitStatus.OK).out());
        String twoOfThree = Cli.run("search", "--server", server, "--type", "skill", "--tag", "docs", "--limit", "2").out();
        assertEquals("""
                ID                          COLLECTION  TAGS  DESCRIPTION
                skill:code-reviewer         default     docs  Review diffs
                """.replace("default   ", "work      ") + """
                skill:kubernetes-architect  default     docs  Design clusters
                2 of 3 artifacts; 1 more: add --after %s (or --all for every one)
                """.formatted(twoOfThree.substring(twoOfThree.indexOf("--after ") + 8, twoOfThree.indexOf(" (or"))),
                twoOfThree);
        assertEquals("No artifact matches.\n", Cli.run("search", "--server", server, "nothing", "like", "it").out());
        assertTrue(Cli.run("search", "--server", server, "--tool", "mcp__github__query").out()
                .startsWith("ID          COLLECTION  TAGS  DESCRIPTION\nmcp:github  default"));
    }

    @Test
    void searchJsonIsTheServicePage() {
        JsonObject page = JSON.createReader(new StringReader(Cli.run("search", "--json", "--server", server, "review",
                "--collection", "work").assertStatus(ExitStatus.OK).out())).readObject();

        assertEquals(1, page.getJsonObject("page_info").getInt("total_count"));
        assertEquals("skill:code-reviewer", page.getJsonArray("items").getJsonObject(0).getString("id"));
    }

    @Test
    void helpOnEveryCommand() {
        for (String[] command : new String[][] {{}, {"serve"}, {"sync"}, {"refresh"}, {"stats"}, {"search"}, {"show"}, {"hook"},
                {"hook", "install"}, {"hook", "uninstall"}}) {
            Object[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--help")).toArray();
            CommandResult help = Cli.run(args).assertStatus(ExitStatus.OK);
            assertTrue(help.out().startsWith("Usage: artifact-cache" + (command.length == 0 ? "" : " " + String.join(" ", command))),
                    help::toString);
        }
        assertTrue(Cli.run("stats", "--help").out().contains("the service (default: http://127.0.0.1:8080, from"));
    }
}
