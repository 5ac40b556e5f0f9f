package dev.artifactcache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code Main} in a child JVM, as a user runs it: for tests that kill it (SIGKILL), start
 * two on one data folder or read its exit status. Its stdout and stderr are kept, line by line.
 */
public final class ServiceJvm implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("event=listening url=http://[^:]+:(\\d+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    /** Set when the output ended: every line the JVM printed is in {@link #lines}. */
    private boolean finished;

    private ServiceJvm(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("service-jvm-output").start(this::follow);
    }

    /**
     * Starts {@code artifact-cache serve} on {@code home} and {@code data}, with no configuration
     * file but {@code config} (YAML text, may be empty) and the given command line arguments after them.
     */
    public static ServiceJvm serve(Path home, Path data, Path config, String... more) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("serve", "--home", home.toString(), "--data", data.toString()));
        arguments.addAll(List.of(more));
        return start(Main.class, arguments, Map.of("ARTIFACT_CACHE_CONFIG", config.toString()));
    }

    /** Starts the {@code main} of a class on the test class path, e.g. a bare database writer to kill. */
    public static ServiceJvm run(Class<?> main, String... arguments) throws IOException {
        return start(main, List.of(arguments), Map.of());
    }

    private static ServiceJvm start(Class<?> main, List<String> arguments, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                // Tests start many short-lived JVMs: C1 only and the serial collector start them sooner.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ARTIFACT_CACHE_") || name.startsWith("SERVER_")
                || name.equals("SKILLMEAT_HOME"));
        env.putAll(environment);
        return new ServiceJvm(builder.start());
    }

    /** Waits for the {@code event=listening} line and returns the port it names. */
    public int awaitListening(Duration timeout) {
        return Integer.parseInt(awaitLine(LISTENING, timeout).group(1));
    }

    /** Waits for a line {@code pattern} finds something in; fails when the JVM exits first or time runs out. */
    public Matcher awaitLine(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    Matcher matcher = pattern.matcher(lines.get(seen));
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && finished)) {
                    throw new AssertionError("no line matching " + pattern + " (" + (process.isAlive() ? "timed out"
                            : "exited " + process.exitValue()) + "); output:\n" + String.join("\n", lines));
                }
                waitForLines(left);
            }
        }
    }

    /** Waits until the JVM exits by itself and returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; output:\n" + output());
        }
        synchronized (lines) {
            while (!finished) {
                lines.wait();
            }
        }
        return process.exitValue();
    }

    /** Everything it printed so far, one line each. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String output() {
        return String.join("\n", lines());
    }

    /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed or closed. */
    public void kill() throws InterruptedException {
        // Through its handle, which leaves the output open: every line printed before the kill is read.
        process.toHandle().destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the service survived SIGKILL for 60 s");
        }
        synchronized (lines) {
            while (!finished) {
                lines.wait();
            }
        }
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it: the shutdown hook closes everything. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError("the service did not stop within 120 s of SIGTERM; output:\n" + output());
        }
    }

    private void waitForLines(long nanos) {
        try {
            lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void follow() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            synchronized (lines) {
                finished = true;
                lines.notifyAll();
            }
        }
    }
}
