package dev.artifactcache.cli;

import dev.artifactcache.TestHome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hook install and uninstall in a real git repository: files, their content and mode, what is kept. */
class HookCommandTest {

    private static final Path LAUNCHER = LauncherRepo.SOURCE_LAUNCHER;
    private static final String BLOCK = """
            # >>> artifact-cache: collection "default" >>>
            # Refreshes the collection in the artifact cache after git changed its files; never fails git.
            # Written by "artifact-cache hook install"; "artifact-cache hook uninstall" removes it.
            '%s' refresh --collection 'default' --hook || true
            # <<< artifact-cache: collection "default" <<<
            """.formatted(LAUNCHER);

    @TempDir
    Path tmp;
    private TestHome home;
    private GitRepository repository;

    @BeforeEach
    void collectionInGit() {
        home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Extract text from PDFs\n", "")
                .skill("work", "code-reviewer", "description: Review diffs\n", "");
        repository = GitRepository.initWithEverything(home.collection("default"));
    }

    private CommandResult install(Object... more) {
        return Cli.run(concat(new Object[] {"hook", "install", "--home", home.root(), "--launcher", LAUNCHER}, more));
    }

    private CommandResult uninstall(Object... more) {
        return Cli.run(concat(new Object[] {"hook", "uninstall", "--home", home.root()}, more));
    }

    private static Object[] concat(Object[] first, Object[] second) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private String hook(String name) throws IOException {
        return Files.readString(repository.hooks().resolve(name));
    }

    private String mode(String name) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(repository.hooks().resolve(name)));
    }

    @Test
    void installCreatesExecutableHooksForTheActiveCollection() throws IOException {
        CommandResult result = install().assertStatus(ExitStatus.OK);

        assertEquals("""
                Hooks in %s:
                  post-merge     created
                  post-checkout  created
                  post-rewrite   created
                git pull, merge, checkout and rebase in %s now refresh collection "default".
                """.formatted(repository.hooks(), home.collection("default")), result.out());
        for (String name : GitHooks.NAMES) {
            assertEquals("#!/bin/sh\n" + BLOCK, hook(name));
            assertTrue(mode(name).matches("rwx(r-x|---|rwx)(r-x|---|rwx)"), mode(name));
        }
    }

    @Test
    void anExistingHookKeepsItsLinesAndModeAndGetsThemBackOnUninstall() throws IOException {
        String own = "#!/bin/bash\necho \"my own post-merge\"\nexit 0\n";
        Path postMerge = repository.hooks().resolve("post-merge");
        Files.writeString(postMerge, own);
        Files.setPosixFilePermissions(postMerge, PosixFilePermissions.fromString("rwx------"));

        install("--collection", "default").assertStatus(ExitStatus.OK)
                .assertOutContains("  post-merge     block added to the hook's own lines\n");

        assertEquals("#!/bin/bash\n" + BLOCK + "echo \"my own post-merge\"\nexit 0\n", hook("post-merge"));
        assertEquals("rwx------", mode("post-merge"));

        CommandResult removed = uninstall("--collection", "default").assertStatus(ExitStatus.OK);

        assertEquals("""
                Hooks in %s:
                  post-merge     block removed, the hook's own lines kept
                  post-checkout  deleted (it held only the block)
                  post-rewrite   deleted (it held only the block)
                """.formatted(repository.hooks()), removed.out());
        assertEquals(own, hook("post-merge"));
        assertEquals("rwx------", mode("post-merge"));
        assertFalse(Files.exists(repository.hooks().resolve("post-checkout")));
        assertFalse(Files.exists(repository.hooks().resolve("post-rewrite")));
        uninstall().assertStatus(ExitStatus.OK).assertOutContains("  post-merge     not installed\n");
    }

    @Test
    void installingTwiceChangesNothing() throws IOException {
        install().assertStatus(ExitStatus.OK);
        String first = hook("post-checkout");

        install().assertStatus(ExitStatus.OK).assertOutContains("  post-checkout  already installed\n");

        assertEquals(first, hook("post-checkout"));
    }

    @Test
    void anExplicitServerIsWrittenIntoTheHook() throws IOException {
        install("--server", "http://127.0.0.1:9999/").assertStatus(ExitStatus.OK);

        assertTrue(hook("post-merge").contains("refresh --collection 'default' --server 'http://127.0.0.1:9999' --hook || true"));
    }

    @Test
    void aHookInAnotherLanguageIsLeftAloneAndNothingIsWritten() throws IOException {
        Files.writeString(repository.hooks().resolve("post-checkout"), "#!/usr/bin/env python3\nprint('mine')\n");

        install().assertStatus(ExitStatus.FAILED).assertOneErrorLine(repository.hooks().resolve("post-checkout")
                + " is not a shell script, so the block cannot go into it; make it run this command itself: '"
                + LAUNCHER + "' refresh --collection 'default' --hook");

        assertFalse(Files.exists(repository.hooks().resolve("post-merge")));
        assertEquals("#!/usr/bin/env python3\nprint('mine')\n", hook("post-checkout"));
    }

    @Test
    void gitsHooksPathIsHonoured() throws IOException {
        repository.git("config", "core.hooksPath", ".githooks").assertStatus(0);

        install().assertStatus(ExitStatus.OK);

        assertTrue(Files.readString(repository.folder().resolve(".githooks/post-merge")).contains(BLOCK));
        assertFalse(Files.exists(repository.hooks().resolve("post-merge")));
    }

    @Test
    void aFolderThatIsNoRepositoryOrNoCollectionIsAUsageError() {
        CommandResult notGit = install("--collection", "work").assertStatus(ExitStatus.USAGE);
        assertTrue(notGit.err().startsWith("artifact-cache: " + home.collection("work") + " is not a git repository ("),
                notGit::toString);
        assertTrue(notGit.err().endsWith("); clone the collection there or run git init in it, or name the repository "
                + "whose hooks to use with --git-dir\n"), notGit::toString);

        install("--collection", "nope").assertStatus(ExitStatus.USAGE).assertOneErrorLine("there is no collection folder "
                + home.collection("nope") + "; name the collection with --collection and the home with --home "
                + "(see: artifact-cache hook install --help)");
        install("--collection", "../x").assertStatus(ExitStatus.USAGE).assertOneErrorLine(
                "collection name \"../x\" contains a path separator (see: artifact-cache hook install --help)");
    }

    @Test
    void withoutTheLauncherTheHookHasNothingToRun() {
        Cli.run("hook", "install", "--home", home.root()).assertStatus(ExitStatus.USAGE).assertOneErrorLine(
                "cannot tell which script the hook should run: install it through etc/artifact-cache, or name the "
                        + "launcher with --launcher (see: artifact-cache hook install --help)");
    }

    @Test
    void aCollectionInsideAnotherRepositoryIsRefusedUnlessGitDirNamesIt() throws IOException {
        TestHome checkout = new TestHome(tmp.resolve("checkout"))
                .skill("default", "pdf-tools", "description: Extract text from PDFs\n", "");
        GitRepository outer = GitRepository.initWithEverything(checkout.root());
        Path folder = checkout.collection("default");

        Cli.run("hook", "install", "--home", checkout.root(), "--launcher", LAUNCHER).assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine(folder + " is not a git repository (it lies inside the repository "
                        + checkout.root().toRealPath() + "); clone the collection there or run git init in it, or name "
                        + "the repository whose hooks to use with --git-dir");
        assertFalse(Files.exists(outer.hooks().resolve("post-merge")));

        Cli.run("hook", "install", "--home", checkout.root(), "--launcher", LAUNCHER, "--git-dir", outer.folder().resolve(".git"))
                .assertStatus(ExitStatus.OK);
        assertTrue(Files.readString(outer.hooks().resolve("post-merge")).contains(BLOCK));

        Cli.run("hook", "install", "--home", checkout.root(), "--launcher", LAUNCHER, "--git-dir", tmp.resolve("nothing"))
                .assertStatus(ExitStatus.USAGE).assertOneErrorLine("--git-dir " + tmp.resolve("nothing")
                        + " is not a git repository (fatal: not a git repository: '" + tmp.resolve("nothing") + "')");
    }
}
