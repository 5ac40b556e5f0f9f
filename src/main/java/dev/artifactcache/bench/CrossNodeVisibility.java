package dev.artifactcache.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Cross-node visibility on PostgreSQL (README, "Several nodes"): two service processes on one
 * database and one home, file watchers off so that only node A syncs; each sample edits a file,
 * syncs it on A, and times from A's answer until B's search finds the new word (B learns of it
 * through LISTEN/NOTIFY and its tailer), polling B's search every 2 ms. A few unmeasured writes
 * first warm both services up. Target: p99 <= 100 ms.
 */
@Command(name = "cross-node", mixinStandardHelpOptions = true,
        description = "Time from a write's answer on node A until node B's search finds it.")
public final class CrossNodeVisibility implements Callable<Integer> {

    @Option(names = "--pg-url", defaultValue = "${env:ARTIFACT_CACHE_TEST_PG_URL}",
            description = "JDBC URL of a PostgreSQL database the nodes may use (default: env ARTIFACT_CACHE_TEST_PG_URL).")
    String pgUrl;

    @Option(names = "--pg-user", defaultValue = "postgres", description = "Database user (default ${DEFAULT-VALUE}).")
    String pgUser;

    @Option(names = "--writes", defaultValue = "200", description = "Measured writes (default ${DEFAULT-VALUE}).")
    int writes;

    @Option(names = "--warmup-writes", defaultValue = "20", description = "Unmeasured writes first (default ${DEFAULT-VALUE}).")
    int warmupWrites;

    @Option(names = "--artifacts", defaultValue = "1000", description = "Artifacts in the generated home (default ${DEFAULT-VALUE}).")
    int artifacts;

    @Mixin
    RunSetUp setUp = new RunSetUp();

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
        Path work = setUp.folder("artifact-cache-cross-node");
        HomeGenerator.GeneratedHome home = HomeGenerator.generate(work.resolve("home"), new HomeGenerator.Spec(artifacts, 13, 1));
        Map<String, String> env = Map.of("DB_CONNECTION_URL", pgUrl, "DB_CONNECTION_USERNAME", pgUser,
                "DB_CONNECTION_PASSWORD", "", "CACHE_WATCH", "false");
        try {
            return measure(work, home, setUp.launch(), env);
        } finally {
            setUp.cleanUp(work);
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
                Duration timeout = Duration.ofSeconds(10);
                edits.crossNode(writer, warmupWrites, timeout);
                String loadBefore = loadAverage();
                EditScenarios.Outcome outcome = edits.crossNode(writer, writes, timeout);
                String loadAfter = loadAverage();
                edits.restore();
                out.println("cross-node visibility (write answered on A until B's search finds it), " + writes
                        + " writes after " + warmupWrites + " unmeasured, " + artifacts + " artifacts: p50 / p99 ms "
                        + Targets.p50p99(outcome.latency()) + ", errors " + outcome.errors()
                        + (outcome.firstErrors().isEmpty() ? "" : " " + outcome.firstErrors())
                        + "; load average (1 min) " + loadBefore + " before, " + loadAfter + " after, "
                        + Runtime.getRuntime().availableProcessors() + " cpus");
                return outcome.errors() == 0 ? 0 : 1;
            }
        }
    }

    /** The 1-minute load average (Linux), to read the figure by: other processes share the CPUs. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
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
