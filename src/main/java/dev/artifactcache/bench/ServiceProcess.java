package dev.artifactcache.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service in a child JVM ({@link BenchService}), so that start, restart and heap are measured
 * as a user would see them. Its log goes to a file; the lines the benchmark waits for (listening,
 * population done) complete futures stamped with the time they were read.
 */
final class ServiceProcess implements AutoCloseable {

    /** What to launch: the same for every start of one benchmark run. */
    record Launch(Path java, String classpath, List<String> jvmArgs) {
    }

    /** A log event: when it was read ({@link System#nanoTime()}) and the number it carries. */
    record Event(long atNanos, long value) {
    }

    static final String AOT_CACHE_PROPERTY = "artifactcache.aot-cache";
    /** The launcher's other JVM options for the service, separated by spaces (its huge pages). */
    static final String SERVICE_JVM_OPTIONS_PROPERTY = "artifactcache.service-jvm-options";

    private static final Pattern LISTENING = Pattern.compile("event=listening url=http://[^:]+:(\\d+)");
    private static final Pattern FLOOR = Pattern.compile(Pattern.quote(BenchService.FLOOR_EVENT) + " url=http://[^:]+:(\\d+)");
    private static final Pattern POPULATION_DONE = Pattern.compile("event=population_done .*ms=(\\d+)");
    private static final Pattern POPULATION_FAILED = Pattern.compile("event=population_failed.*");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final long launchedNanos;
    private final Path log;
    private final CompletableFuture<Event> listening = new CompletableFuture<>();
    private final CompletableFuture<Event> floor = new CompletableFuture<>();
    private final CompletableFuture<Event> populationDone = new CompletableFuture<>();
    private final Launch launch;

    private ServiceProcess(Launch launch, Process process, long launchedNanos, Path log) {
        this.launch = launch;
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.log = log;
        Thread.ofPlatform().daemon().name("service-log").start(this::follow);
    }

    /**
     * Starts the service on {@code home} with its H2 file and index in {@code data}, on free ports,
     * with no configuration file (only the environment), logging to {@code log} (appended).
     */
    static ServiceProcess start(Launch launch, Path home, Path data, Path log) throws IOException {
        return start(launch, home, data, log, Map.of());
    }

    /** {@link #start(Launch, Path, Path, Path)} with more environment, e.g. {@code DB_CONNECTION_URL} for a shared database. */
    static ServiceProcess start(Launch launch, Path home, Path data, Path log, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launch.java().toString());
        command.addAll(launch.jvmArgs());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(launch.classpath());
        command.add(BenchService.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.directory(data.getParent().toFile());
        builder.environment().put("SKILLMEAT_HOME", home.toAbsolutePath().toString());
        builder.environment().put("ARTIFACT_CACHE_DATA", data.toAbsolutePath().toString());
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put("SERVER_HOST", "127.0.0.1");
        // No etc/application.yaml of whatever folder this runs in: only the values above.
        builder.environment().put("ARTIFACT_CACHE_CONFIG", data.getParent().resolve("no-such-config.yaml").toString());
        builder.environment().remove("ARTIFACT_CACHE_TOKEN");
        builder.environment().putAll(env);
        Files.createDirectories(data);
        long launched = System.nanoTime();
        return new ServiceProcess(launch, builder.start(), launched, log);
    }

    /**
     * The JVM's AOT cache that {@code etc/artifact-cache} starts the service with, passed on to this
     * JVM in {@value #AOT_CACHE_PROPERTY}: the benchmark starts the service as users do. The cache
     * fits only the launcher's own Java and jar (see {@link RunSetUp#launch()}).
     */
    static Optional<String> aotCache() {
        return Optional.ofNullable(System.getProperty(AOT_CACHE_PROPERTY)).filter(cache -> !cache.isBlank());
    }

    /**
     * The JVM options other than the cache that the launcher starts {@code serve} with, passed to the
     * benchmark's JVM in {@value #SERVICE_JVM_OPTIONS_PROPERTY}; none without the launcher.
     */
    static List<String> launcherJvmOptions() {
        String options = System.getProperty(SERVICE_JVM_OPTIONS_PROPERTY, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    long pid() {
        return process.pid();
    }

    long launchedNanos() {
        return launchedNanos;
    }

    /** When the API server listened, and its port. */
    Event listening(Duration timeout) throws IOException {
        return await(listening, timeout, "the service to listen");
    }

    /** When the floor server listened, and its port. */
    Event floor(Duration timeout) throws IOException {
        return await(floor, timeout, "the floor route to listen");
    }

    /** When the population (cold or warm re-scan) finished, and its own duration in ms. */
    Event populationDone(Duration timeout) throws IOException {
        return await(populationDone, timeout, "the population to finish");
    }

    /**
     * Heap in use right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), in bytes;
     * empty when no jcmd is next to the java launcher.
     */
    Optional<Long> heapAfterFullGc() throws IOException {
        Path jcmd = launch.java().resolveSibling("jcmd");
        if (!Files.isExecutable(jcmd)) {
            return Optional.empty();
        }
        jcmd(jcmd, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(jcmd, "GC.heap_info"));
        return used.find() ? Optional.of(Long.parseLong(used.group(1)) * 1024) : Optional.empty();
    }

    /** Resident set size of the child, from /proc (Linux), or empty. */
    Optional<Long> residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private String jcmd(Path jcmd, String command) throws IOException {
        Process run = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IOException("jcmd " + command + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for jcmd", e);
        }
        return output;
    }

    /** Kills the service at once (SIGKILL): no shutdown hook runs, as when a machine dies. */
    void kill() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while killing the service", e);
        }
    }

    /** Stops the service as a user would (SIGTERM: the shutdown hook commits the index) and waits. */
    @Override
    public void close() throws IOException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new IOException("the service did not stop within 120 s of SIGTERM; killed it (see " + log + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private Event await(CompletableFuture<Event> event, Duration timeout, String what) throws IOException {
        try {
            return event.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("waited " + timeout.toSeconds() + " s for " + what + "; see " + log);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage() + "; see " + log, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what, e);
        }
    }

    private void follow() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                long at = System.nanoTime();
                out.write(line);
                out.write('\n');
                out.flush();
                complete(listening, LISTENING.matcher(line), at);
                complete(floor, FLOOR.matcher(line), at);
                complete(populationDone, POPULATION_DONE.matcher(line), at);
                if (POPULATION_FAILED.matcher(line).find()) {
                    populationDone.completeExceptionally(new IOException("the population failed: " + line));
                }
            }
        } catch (IOException e) {
            populationDone.completeExceptionally(e);
        }
        IOException ended = new IOException("the service exited (code " + process.onExit().join().exitValue() + ")");
        listening.completeExceptionally(ended);
        floor.completeExceptionally(ended);
        populationDone.completeExceptionally(ended);
    }

    private static void complete(CompletableFuture<Event> event, Matcher matcher, long at) {
        if (!event.isDone() && matcher.find()) {
            event.complete(new Event(at, Long.parseLong(matcher.group(1))));
        }
    }
}
