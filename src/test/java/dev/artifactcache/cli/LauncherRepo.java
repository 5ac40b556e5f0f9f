package dev.artifactcache.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * A repository as the launcher sees it: a copy of {@code etc/artifact-cache} and a
 * {@code target/artifact-cache.jar}. The jar holds only a manifest whose class path is this test
 * run's, so the launcher runs the classes just compiled whether or not {@code mvn package} ran
 * (it runs after the tests) and never a stale jar of an earlier build.
 */
final class LauncherRepo {

    static final Path SOURCE_LAUNCHER = Path.of("etc/artifact-cache").toAbsolutePath();
    /** A JVM start on a loaded machine takes seconds; this only bounds a hang. */
    private static final long TIMEOUT_SECONDS = 180;

    private final Path root;

    private LauncherRepo(Path root) {
        this.root = root;
    }

    /** The launcher alone, no jar built yet. */
    static LauncherRepo withoutJar(Path root) {
        try {
            Files.createDirectories(root.resolve("etc"));
            Files.copy(SOURCE_LAUNCHER, root.resolve("etc/artifact-cache"), StandardCopyOption.COPY_ATTRIBUTES);
            return new LauncherRepo(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LauncherRepo create(Path root) {
        LauncherRepo repo = withoutJar(root);
        repo.writeJar();
        return repo;
    }

    Path root() {
        return root;
    }

    Path launcher() {
        return root.resolve("etc/artifact-cache");
    }

    /** Replaces the launcher's list of install folders, so a test decides which JDKs it finds there. */
    void installFolders(Path... folders) {
        try {
            String script = Files.readString(launcher());
            String list = Arrays.stream(folders).map(f -> "\"" + f + "\"").collect(Collectors.joining(" "));
            String changed = script.replaceFirst("(?m)^jdk_folders=\\(.*\\)$", "jdk_folders=(" + list.replace("\\", "\\\\") + ")");
            if (changed.equals(script)) {
                throw new AssertionError("the launcher has no jdk_folders=(...) line any more");
            }
            Files.writeString(launcher(), changed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The environment of a launcher run: this JVM's Java in JAVA_HOME, and none of the service's
     * variables of whoever runs the tests.
     */
    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(key -> key.startsWith("ARTIFACT_CACHE_") || key.equals("SKILLMEAT_HOME")
                || key.startsWith("SERVER_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // This repository's jar names class folders, which the JVM's AOT cache refuses (LauncherAotCacheTest has the cache).
        env.put("ARTIFACT_CACHE_AOT", "off");
        return env;
    }

    /** Runs {@code bash etc/artifact-cache args} in {@code workingFolder} and waits for it. */
    CommandResult run(Path workingFolder, Map<String, String> env, Object... args) {
        List<String> command = new ArrayList<>(List.of("bash", launcher().toString()));
        Arrays.stream(args).map(String::valueOf).forEach(command::add);
        return Processes.run(workingFolder, env, command);
    }

    CommandResult run(Path workingFolder, Object... args) {
        return run(workingFolder, environment(), args);
    }

    private void writeJar() {
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" "));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.artifactcache.Main");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try {
            Files.createDirectories(root.resolve("target"));
            try (OutputStream file = Files.newOutputStream(root.resolve("target/artifact-cache.jar"));
                 JarOutputStream jar = new JarOutputStream(file, manifest)) {
                jar.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starting and waiting for child processes with their output captured in files. */
    static final class Processes {

        private Processes() {
        }

        static CommandResult run(Path workingFolder, Map<String, String> env, List<String> command) {
            try {
                Path out = Files.createTempFile("cli-out", ".txt");
                Path err = Files.createTempFile("cli-err", ".txt");
                ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().clear();
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("still running after " + TIMEOUT_SECONDS + " s: " + command);
                }
                CommandResult result = new CommandResult(process.exitValue(), Files.readString(out), Files.readString(err));
                Files.delete(out);
                Files.delete(err);
                return result;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
