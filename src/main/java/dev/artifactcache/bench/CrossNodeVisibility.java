package dev.artifactcache.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Cross-node visibility on PostgreSQL (README, "Several nodes"): two service processes on one
 * database and one home, file watchers off so that only node A syncs; each sample edits a file,
 * syncs it on A, and times from A's answer until B's search finds the new word (B learns of it
 * through LISTEN/NOTIFY and its tailer). Target: p99 <= 100 ms.
 */
@Command(name = "cross-node", mixinStandardHelpOptions = true,
        description = "Time from a write's answer on node A until node B's search finds it.")
public final class CrossNodeVisibility implements Callable<Integer> {

    @Option(names = "--pg-url", defaultValue = "${env:ARTIFACT_CACHE_TEST_PG_URL}",
            description = "JDBC URL of a PostgreSQL database the nodes may use (default: env ARTIFACT_CACHE_TEST_PG_URL).")
    String pgUrl;

    @Option(names = "--pg-user", defaultValue = "postgres", description = "Database user (default ${DEFAULT-VALUE}).")
    String pgUser;

    @Option(names = "--writes", defaultValue = "200", description = "Samples (default ${DEFAULT-VALUE}).")
    int writes;

    @Option(names = "--artifacts", defaultValue = "1000", description = "Artifacts in the generated home (default ${DEFAULT-VALUE}).")
    int artifacts;

    private final PrintStream out;

    public CrossNodeVisibility() {
        this(System.out);
    }

    CrossNodeVisibility(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CrossNodeVisibility()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (pgUrl == null || pgUrl.isBlank()) {
            throw new IllegalArgumentException("no PostgreSQL: pass --pg-url or set ARTIFACT_CACHE_TEST_PG_URL");
        }
        Path work = Files.createTempDirectory("artifact-cache-cross-node");
        HomeGenerator.GeneratedHome home = HomeGenerator.generate(work.resolve("home"), new HomeGenerator.Spec(artifacts, 13, 1));
        ServiceProcess.Launch launch = new ServiceProcess.Launch(
                Path.of(ProcessHandle.current().info().command().orElseThrow(() -> new IOException("cannot tell which java runs this"))),
                Bench.absolute(System.getProperty("java.class.path")), List.of("-Xmx512m"));
        Map<String, String> env = Map.of("DB_CONNECTION_URL", pgUrl, "DB_CONNECTION_USERNAME", pgUser,
                "DB_CONNECTION_PASSWORD", "", "CACHE_WATCH", "false");
        try {
            return measure(work, home, launch, env);
        } finally {
            Bench.deleteTree(work);
        }
    }

    private int measure(Path work, HomeGenerator.GeneratedHome home, ServiceProcess.Launch launch, Map<String, String> env)
            throws IOException {
        Duration start = Duration.ofMinutes(3);
        try (ServiceProcess a = ServiceProcess.start(launch, home.root(), work.resolve("a/data"), work.resolve("a.log"), env)) {
            a.populationDone(start); // A is the first node: it takes the lease and populates
            try (ServiceProcess b = ServiceProcess.start(launch, home.root(), work.resolve("b/data"), work.resolve("b.log"), env);
                 LoopbackClient writer = new LoopbackClient((int) a.listening(start).value());
                 LoopbackClient reader = new LoopbackClient((int) b.listening(start).value())) {
                awaitReady(reader, start);
                EditScenarios edits = new EditScenarios(reader, home.root(), home.editable());
                EditScenarios.Outcome outcome = edits.crossNode(writer, writes, Duration.ofSeconds(10));
                edits.restore();
                out.println("cross-node visibility (write answered on A until B's search finds it), " + writes
                        + " writes, " + artifacts + " artifacts: p50 / p99 ms " + Targets.p50p99(outcome.latency())
                        + ", errors " + outcome.errors() + (outcome.firstErrors().isEmpty() ? "" : " " + outcome.firstErrors()));
                return outcome.errors() == 0 ? 0 : 1;
            }
        }
    }

    /** B serves once its health is UP: its index rebuilt from the database. */
    private static void awaitReady(LoopbackClient node, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (node.get("/observe/health").status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IOException("node B was not ready within " + within.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for node B", e);
            }
        }
    }
}
