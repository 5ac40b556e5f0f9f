package dev.artifactcache.cli;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** etc/artifact-cache run by bash as people run it: finding a Java, the jar, exit statuses, serve. */
class LauncherTest {

    @TempDir
    Path tmp;

    @Test
    void runsTheJarOnTheJavaOfJavaHome() {
        LauncherRepo repo = LauncherRepo.create(tmp.resolve("repo"));

        CommandResult version = repo.run(tmp, "--version").assertStatus(ExitStatus.OK);

        assertTrue(version.out().startsWith("artifact-cache "), version::toString);
        assertTrue(version.out().contains("Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"),
                version::toString);
        repo.run(tmp, "--help").assertStatus(ExitStatus.OK).assertOutContains("Usage: artifact-cache [-hV] [COMMAND]");
    }

    @Test
    void saysHowToBuildTheJarWhenItIsMissing() throws IOException {
        LauncherRepo repo = LauncherRepo.withoutJar(tmp.resolve("repo"));
        Path root = repo.root().toRealPath();

        repo.run(tmp, "--help").assertStatus(1).assertOneErrorLine(root.resolve("target/artifact-cache.jar")
                + " is not built yet; run: mvn -B -ntp -DskipTests package (in " + root + ")");
    }

    @Test
    void takesJavaHomeThenThePathThenTheNewestJdkInTheInstallFolders() throws IOException {
        LauncherRepo repo = LauncherRepo.create(tmp.resolve("repo"));
        Path jdks = tmp.resolve("jdks");
        Path old = fakeJdk(jdks.resolve("jdk-17"), "17.0.9", false);
        Path jdk21 = fakeJdk(jdks.resolve("jdk-21.0.2"), "21.0.2", true);
        fakeJdk(jdks.resolve("jdk-22"), "22", false);
        Path onPath = fakeJdk(tmp.resolve("path-jdk"), "23-ea", false);
        repo.installFolders(jdks, tmp.resolve("none"));

        assertEquals("java 22.0.1 ran", ranJava(repo, Map.of("JAVA_HOME", old.toString()), null));
        assertEquals("java 21.0.2 ran", ranJava(repo, Map.of("JAVA_HOME", jdk21.toString()), null));
        assertEquals("java 23-ea ran", ranJava(repo, Map.of("JAVA_HOME", old.toString()), onPath.resolve("bin")));
        assertEquals("java 22.0.1 ran", ranJava(repo, Map.of(), fakeJdk(tmp.resolve("path-old"), "1.8.0_402", false).resolve("bin")));
    }

    @Test
    void saysWhatItFoundWhenNoJavaIsNewEnough() throws IOException {
        LauncherRepo repo = LauncherRepo.create(tmp.resolve("repo"));
        Path old = fakeJdk(tmp.resolve("jdks/jdk-17"), "17.0.9", false);
        repo.installFolders(tmp.resolve("jdks"));

        CommandResult result = run(repo, Map.of(), null).assertStatus(1);

        assertTrue(result.err().startsWith("artifact-cache: needs Java 21 or newer and found none (looked at JAVA_HOME, "
                + "java on the PATH and in " + tmp.resolve("jdks") + "); too old: " + old + "/bin/java (17). Install a JDK 21+"),
                result::toString);
        assertEquals(1, result.err().lines().count());
    }

    @Test
    void runsTheBenchmarksProgramsOnTheJavaItFinds() {
        LauncherRepo repo = LauncherRepo.create(tmp.resolve("repo"));
        Path home = tmp.resolve("bench-home");

        repo.run(tmp, "bench", "--help").assertStatus(ExitStatus.OK).assertOutContains("Usage: bench [-hV]");
        repo.run(tmp, "bench", "cross-node", "--help").assertStatus(ExitStatus.OK).assertOutContains("Usage: cross-node [-hV]");
        repo.run(tmp, "bench", "generate", "--output", home.toString(), "--artifacts", "12").assertStatus(ExitStatus.OK)
                .assertOutContains("SKILLMEAT_HOME=" + home);
        assertTrue(Files.isRegularFile(home.resolve("collections/default/collection.toml")));
    }

    @Test
    void exitStatusesReachTheShell() throws IOException {
        LauncherRepo repo = LauncherRepo.create(tmp.resolve("repo"));
        TestHome home = new TestHome(tmp.resolve("home")).skill("default", "pdf-tools", "description: PDFs\n", "");
        try (RunningService service = RunningService.start(home.root(), tmp.resolve("data"),
                new MutableClock(RunningService.START), Map.of("security.rate-limit.per-minute", "0"))) {
            String server = service.uri("").toString();

            repo.run(tmp, "sync", "--server", server, "skill:pdf-tools").assertStatus(ExitStatus.OK)
                    .assertOutContains("unchanged  skill:pdf-tools  default");
            repo.run(tmp, "sync", "--server", server, "agent:nobody").assertStatus(ExitStatus.FAILED);
            repo.run(tmp, "sync", "--server", server, "nobody").assertStatus(ExitStatus.USAGE);
            String dead = UnreachableAndGuardsTest.deadServer();
            repo.run(repo.root(), "stats", "--server", dead).assertStatus(ExitStatus.UNREACHABLE).assertOneErrorLine(
                    "cannot reach the service at " + dead + " (connection refused); start it with: etc/artifact-cache serve --port "
                            + UnreachableAndGuardsTest.port(dead));
        }
    }

    @Test
    void servesUntilStoppedAndAnswersTheClientCommands() throws Exception {
        LauncherRepo repo = LauncherRepo.create(tmp.resolve("repo"));
        TestHome home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Extract text from PDFs\n", "")
                .skill("work", "code-reviewer", "description: Review diffs\n", "");
        ProcessBuilder builder = new ProcessBuilder("bash", repo.launcher().toString(), "serve", "--home",
                home.root().toString(), "--data", tmp.resolve("data").toString(), "--port", "0")
                .directory(tmp.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(LauncherRepo.environment());
        Process serve = builder.start();
        try {
            BlockingQueue<String> lines = linesOf(serve);
            String server = awaitLine(lines, Pattern.compile("event=listening url=(\\S+)"));
            awaitLine(lines, Pattern.compile("event=population_done .*created=(2)"));

            repo.run(tmp, "refresh", "--server", server).assertStatus(ExitStatus.OK)
                    .assertOutContains("Refreshed 2 artifacts in ");
            repo.run(tmp, "search", "--server", server, "review").assertStatus(ExitStatus.OK)
                    .assertOutContains("skill:code-reviewer  work");
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
    }

    /** A JDK folder whose bin/java prints its version for -version and says it ran otherwise. */
    private static Path fakeJdk(Path home, String version, boolean releaseFile) throws IOException {
        Path java = home.resolve("bin/java");
        Files.createDirectories(java.getParent());
        String shown = version.equals("22") ? "22.0.1" : version;
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = "-version" ]; then echo 'openjdk version "%s" 2024-04-16' >&2; exit 0; fi
                echo "java %s ran"
                """.formatted(releaseFile ? "9.9.9" : shown, shown));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (releaseFile) {
            // -version above lies: only the release file tells the truth, and it is read first.
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        return home;
    }

    private String ranJava(LauncherRepo repo, Map<String, String> javaHome, Path pathWithJava) throws IOException {
        return run(repo, javaHome, pathWithJava).assertStatus(0).out().strip();
    }

    /**
     * The launcher with only the tools it needs on the PATH (and {@code pathWithJava} first), so
     * that no Java of this machine is found but the fakes.
     */
    private CommandResult run(LauncherRepo repo, Map<String, String> javaHome, Path pathWithJava) throws IOException {
        Path tools = tmp.resolve("tools");
        if (!Files.isDirectory(tools)) {
            Files.createDirectories(tools);
            for (String tool : List.of("sed", "head", "dirname", "basename", "readlink")) {
                Files.createSymbolicLink(tools.resolve(tool), which(tool));
            }
        }
        Map<String, String> env = LauncherRepo.environment();
        env.remove("JAVA_HOME");
        env.putAll(javaHome);
        env.put("PATH", (pathWithJava == null ? "" : pathWithJava + ":") + tools);
        List<String> command = List.of(which("bash").toString(), repo.launcher().toString(), "stats");
        return LauncherRepo.Processes.run(tmp, env, command);
    }

    private static Path which(String tool) {
        for (String folder : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(folder, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not on the PATH");
    }

    private static BlockingQueue<String> linesOf(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            } catch (IOException e) {
                lines.add("(output ended: " + e.getMessage() + ")");
            }
        });
        return lines;
    }

    /** The first group of the first line matching {@code pattern}; fails after 3 minutes with what was printed. */
    private static String awaitLine(BlockingQueue<String> lines, Pattern pattern) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no line like " + pattern + " in:\n" + String.join("\n", seen));
    }
}
