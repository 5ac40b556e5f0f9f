package dev.artifactcache.cli;

import dev.artifactcache.Eventually;
import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** search's paging, sorts, modes and filters, its widths, and show, against the real service. */
class SearchAndShowTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String LONG = "Turns a long and winding description of what the skill does into exactly the "
            + "few words a card has room for, and then some more words";

    @TempDir
    Path tmp;
    private RunningService service;
    private URI server;

    @BeforeEach
    void start() {
        TestHome home = TestHome.fourArtifacts(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Extract text from PDFs\ntags: [pdf]\n", "")
                .skill("work", "summarizer", "description: " + LONG + "\ntags: [text]\n", "");
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START),
                Map.of("security.rate-limit.per-minute", "0"));
        server = service.uri("");
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    private CommandResult search(Object... args) {
        Object[] all = new Object[args.length + 3];
        all[0] = "search";
        all[1] = "--server";
        all[2] = server;
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all).assertStatus(ExitStatus.OK);
    }

    @Test
    void pagesSayHowManyMoreAndTheCursorThatShowsThem() {
        String cursor = JSON.createReader(new StringReader(search("--limit", "2", "--json").out())).readObject()
                .getJsonObject("page_info").getString("end_cursor");

        assertEquals("""
                ID                   COLLECTION  TAGS  DESCRIPTION
                skill:code-reviewer  work        docs  Review diffs
                mcp:github           default           GitHub issues and pull requests
                2 of 5 artifacts; 3 more: add --after %s (or --all for every one)
                """.formatted(cursor), search("--limit", "2").out());
        String next = search("--limit", "2", "--after", cursor).out();
        assertEquals("""
                ID                          COLLECTION  TAGS      DESCRIPTION
                skill:kubernetes-architect  default     docs      Design clusters
                skill:pdf-tools             default     docs,pdf  Extract text from PDFs
                2 of 5 artifacts; more: add --after %s (or --all for every one)
                """.formatted(next.substring(next.indexOf("--after ") + 8, next.indexOf(" (or"))), next);
        assertEquals("""
                ID                          COLLECTION  TAGS       DESCRIPTION
                skill:code-reviewer         work        docs       Review diffs
                mcp:github                  default                GitHub issues and pull requests
                skill:kubernetes-architect  default     docs       Design clusters
                skill:pdf-tools             default     docs,pdf   Extract text from PDFs
                skill:summarizer            work        docs,text  Turns a long and winding description of what the skill do...
                5 artifacts
                """, search("--all", "--limit", "1").out());
    }

    @Test
    void sortsModesOriginAndStaleNarrowOrOrderTheResults() {
        assertEquals("skill:summarizer,skill:pdf-tools,skill:kubernetes-architect,mcp:github,skill:code-reviewer",
                ids(search("--sort", "-name", "--json").out()));
        assertEquals("skill:pdf-tools", ids(search("--tag", "docs,pdf", "--tag-mode", "all", "--json").out()));
        assertEquals("skill:code-reviewer,skill:kubernetes-architect,skill:pdf-tools,skill:summarizer",
                ids(search("--tag", "docs,pdf", "--json").out()));
        assertEquals("mcp:github", ids(search("--origin", "local", "--json").out()));
        assertEquals("skill:code-reviewer,skill:kubernetes-architect,skill:summarizer",
                ids(search("--tag", "docs", "--json", "--", "-pdf").out()), "after --, -word excludes the word");
        assertEquals("No artifact matches.\n", search("--stale").out());
        assertEquals("skill:code-reviewer,mcp:github,skill:kubernetes-architect,skill:pdf-tools,skill:summarizer",
                ids(search("--no-stale", "--json").out()));
        service.clock().advance(Duration.ofMinutes(31));
        // Only this first stale read: reading stale documents re-syncs them in the background.
        assertEquals(5, ids(search("--stale", "--json").out()).split(",").length);
        Eventually.await("the stale documents re-synced", () -> search("--stale").out().equals("No artifact matches.\n"));
        Cli.run("search", "--server", server, "--sort", "size").assertStatus(ExitStatus.USAGE).assertOneErrorLine(
                "unknown sort \"size\"; expected one of name, -name, updated, -updated, relevance");
    }

    @Test
    void anUnknownCollectionIsAUsageError() {
        Cli.run("search", "--server", server, "x", "--collection", "nope").assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("No collection \"nope\"; there are these: default, work.");
        Cli.run("show", "--server", server, "skill:pdf-tools", "--collection", "nope").assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("No collection \"nope\"; there are these: default, work.");
    }

    @Test
    void wideAndWideTerminalsKeepTheWholeDescription() {
        assertEquals("""
                ID                COLLECTION  TAGS       DESCRIPTION
                skill:summarizer  work        docs,text  %s
                1 artifact
                """.formatted(LONG), search("--wide", "winding").out());
        JsonObject page = JSON.createReader(new StringReader(search("winding", "--json").out())).readObject();
        assertEquals("""
                ID                COLLECTION  TAGS       DESCRIPTION
                skill:summarizer  work        docs,text  Turns a long and winding description of what the skill does into exactly the few w...
                1 artifact
                """, ResultTable.fitting(120).text(page, true));
    }

    @Test
    void showPrintsEveryFieldOfTheArtifact() {
        assertEquals("""
                skill:pdf-tools in collection default
                  name:         pdf-tools
                  type:         skill
                  description:  Extract text from PDFs
                  tags:         docs, pdf
                  origin:       github
                  source:       https://github.com/acme/agent-skills/tree/3f2a/skills/pdf-tools
                  version_spec: v1.2.0
                  resolved_sha: 3f2a9c0e1b7d4a6f8e2c5b9d1a3f7e6c0b4d8a2e
                  added:        2026-01-15T10:30:00.123456Z
                  synced_at:    2026-11-20T10:00:00Z
                  updated_at:   2026-11-20T10:00:00Z
                  stale:        false
                """, Cli.run("show", "--server", server, "skill:pdf-tools").assertStatus(ExitStatus.OK).out());
        JsonObject item = JSON.createReader(new StringReader(Cli.run("show", "--server", server, "skill:pdf-tools", "--json")
                .assertStatus(ExitStatus.OK).out())).readObject();
        assertEquals("Extract text from PDFs", item.getString("description"));
        Cli.run("show", "--server", server, "skill:nobody").assertStatus(ExitStatus.USAGE).assertOneErrorLine(
                "No artifact \"skill:nobody\" in any collection (default, work); search finds the ids: "
                        + "etc/artifact-cache search nobody");
        Cli.run("show", "--server", server, "skill:pdf-tools", "--collection", "work").assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("No artifact \"skill:pdf-tools\" in collection \"work\"; search finds the ids: "
                        + "etc/artifact-cache search pdf-tools");
    }

    private static String ids(String json) {
        return String.join(",", JSON.createReader(new StringReader(json)).readObject().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(item -> item.getString("id")).toList());
    }
}
