package dev.artifactcache.bench;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code bench}: for each size, generates a home, runs the real service on it in a child JVM and
 * measures it (see {@link SizeRun} for the steps); prints a table and writes the JSON report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks artifact-cache on synthetic SkillMeat homes: cold population, warm restart, heap, "
                + "and a fixed query mix over loopback HTTP with 1 and 8 clients, against a trivial JSON route.")
public final class Bench implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "1000,10000,100000",
            description = "Artifacts per run (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--clients", split = ",", defaultValue = "1,8", description = "Concurrent clients per load run (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--requests", defaultValue = "20000", description = "Requests per load run (default ${DEFAULT-VALUE}).")
    long requests;

    @Option(names = "--distinct", defaultValue = "4000",
            description = "Distinct requests drawn for the uncached mix (default ${DEFAULT-VALUE}).")
    int distinct;

    @Option(names = "--warmup", defaultValue = "5000", description = "Warm-up requests before the load runs (default ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--warmup-unseen", defaultValue = "40000",
            description = "Then warm-up requests drawn like the distinct mix with another seed, none of them measured, "
                    + "with the most clients: the JIT compiles the search paths that the repeated mix never takes (default ${DEFAULT-VALUE}).")
    long warmupUnseen;

    @Option(names = "--max-seconds", defaultValue = "60", description = "Upper bound of one load run (default ${DEFAULT-VALUE}).")
    long maxSeconds;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--collections", defaultValue = "1", description = "Collections per home (default ${DEFAULT-VALUE}); queries go to the first.")
    int collections;

    @Option(names = "--sync-edits", defaultValue = "200", description = "Edits measured with sync-artifact (default ${DEFAULT-VALUE}).")
    int syncEdits;

    @Option(names = "--sync-warmup", defaultValue = "2000",
            description = "Unmeasured sync-artifact edits before the measured ones: the write path compiled, as on a service "
                    + "that has run a while; their latency is reported apart (default ${DEFAULT-VALUE}).")
    int syncWarmup;

    @Option(names = "--watcher-edits", defaultValue = "30", description = "Edits measured with the watcher (default ${DEFAULT-VALUE}).")
    int watcherEdits;

    @Option(names = "--watcher-probe-ms", defaultValue = "3000",
            description = "How long the first edit may take to show before the watcher counts as absent (default ${DEFAULT-VALUE}).")
    long watcherProbeMs;

    @Option(names = "--start-timeout-seconds", defaultValue = "900", description = "Upper bound of a start or population (default ${DEFAULT-VALUE}).")
    long startTimeoutSeconds;

    @Option(names = "--json", defaultValue = "target/bench/bench-report.json", description = "JSON report file (default ${DEFAULT-VALUE}).")
    Path json;

    @Mixin
    RunSetUp setUp = new RunSetUp();

    private final PrintStream out;

    public Bench() {
        this(System.out);
    }

    Bench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        ServiceProcess.Launch launch = setUp.launch();
        int manyClients = Collections.max(clients);
        SizeRun.Plan plan = new SizeRun.Plan(launch, List.copyOf(clients), requests, distinct, warmup, warmupUnseen, Duration.ofSeconds(maxSeconds),
                Duration.ofSeconds(startTimeoutSeconds), syncWarmup, syncEdits, watcherEdits, Duration.ofMillis(watcherProbeMs), seed, collections);
        Path folder = setUp.folder("artifact-cache-bench");
        Machine machine = Machine.describe(launch.java());
        List<RunFigures> runs = new ArrayList<>();
        try {
            for (int size : sizes) {
                runs.add(new SizeRun(plan, out).run(size, Files.createDirectories(folder.resolve(Integer.toString(size)))));
                if (!setUp.keep) {
                    deleteTree(folder.resolve(Integer.toString(size)));
                }
            }
        } finally {
            setUp.cleanUp(folder);
        }
        JsonObject report = BenchReport.json(machine, settings(launch), runs, manyClients);
        BenchReport.write(report, json);
        out.println();
        out.print(BenchReport.table(machine, runs, clients, manyClients));
        out.println();
        out.println("JSON report: " + json.toAbsolutePath());
        return 0;
    }

    private JsonObject settings(ServiceProcess.Launch launch) {
        JsonProvider provider = JsonProvider.provider();
        JsonArrayBuilder args = provider.createArrayBuilder();
        launch.jvmArgs().forEach(args::add);
        JsonArrayBuilder clientCounts = provider.createArrayBuilder();
        clients.forEach(clientCounts::add);
        return provider.createObjectBuilder()
                .add("seed", seed)
                .add("collections", collections)
                .add("clients", clientCounts)
                .add("requests_per_load_run", requests)
                .add("distinct_requests", distinct)
                .add("warmup_requests", warmup)
                .add("warmup_unseen_requests", warmupUnseen)
                .add("sync_warmup_edits", syncWarmup)
                .add("sync_edits", syncEdits)
                .add("watcher_edits", watcherEdits)
                .add("service_jvm_args", args)
                .build();
    }

    /** The service runs in its work folder: relative class path entries must not depend on ours. */
    static String absolute(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> entry.endsWith("*")
                        ? Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath() + File.separator + "*"
                        : Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
