package dev.artifactcache.cli;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The installed hook at work: git runs it, it runs the launcher, the launcher the refresh. The
 * service runs without its file watcher, so only the hook can bring the pulled change in.
 */
class HookMergeTest {

    private static final String PDF_TOOLS = "/api/v1/user-collections/default/artifacts/skill:pdf-tools";

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;
    private GitRepository repository;
    private LauncherRepo launcher;

    @BeforeEach
    void collectionWithAnUpstreamChange() {
        home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Extract text from PDFs\n", "")
                .skill("default", "kubernetes-architect", "description: Design clusters\n", "");
        repository = GitRepository.initWithEverything(home.collection("default"));
        repository.git("checkout", "-q", "-b", "upstream").assertStatus(0);
        home.skill("default", "pdf-tools", "description: Extract text and tables from PDFs\n", "");
        repository.commitAll("pdf-tools reads tables");
        repository.git("checkout", "-q", "main").assertStatus(0);
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START),
                Map.of("security.rate-limit.per-minute", "0"));
        launcher = LauncherRepo.create(tmp.resolve("repo"));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    @Test
    void aMergeRunsTheHookWhichRefreshesTheCollection() {
        Cli.run("hook", "install", "--home", home.root(), "--server", service.uri(""), "--launcher", launcher.launcher())
                .assertStatus(ExitStatus.OK);
        assertEquals("Extract text from PDFs", service.getJson(PDF_TOOLS).getString("description"));

        CommandResult merge = repository.git("merge", "upstream").assertStatus(0);

        // git sends what a hook prints to stderr.
        assertTrue(merge.err().matches("artifact-cache: refreshed collection default: 2 artifacts in [0-9.]+ s: "
                + "1 updated, 1 unchanged\n"), merge::toString);
        assertEquals("Extract text and tables from PDFs", service.getJson(PDF_TOOLS).getString("description"));
    }

    @Test
    void aHookThatCannotReachTheServiceLeavesGitAlone() throws IOException {
        String dead = UnreachableAndGuardsTest.deadServer();
        Cli.run("hook", "install", "--home", home.root(), "--server", dead, "--launcher", launcher.launcher())
                .assertStatus(ExitStatus.OK);

        CommandResult checkout = repository.git("checkout", "upstream").assertStatus(0);

        assertTrue(checkout.err().contains("artifact-cache: collection default not refreshed: cannot reach the service at "
                + dead + " (connection refused); start it with: "), checkout::toString);
        assertEquals(1, checkout.err().lines().filter(line -> line.startsWith("artifact-cache")).count(), checkout::toString);
        assertEquals("Extract text from PDFs", service.getJson(PDF_TOOLS).getString("description"));
    }
}
