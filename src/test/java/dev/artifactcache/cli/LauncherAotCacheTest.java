package dev.artifactcache.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * etc/artifact-cache and the JVM's AOT cache, on a fake JDK whose java prints the arguments it got
 * (and, asked to write an AOT cache, writes one): when the cache is made, kept, made again, used, and
 * that nothing fails when it cannot be made.
 */
class LauncherAotCacheTest {

    private static final String RUNTIME = "25.0.1+8-LTS";

    @TempDir
    Path tmp;

    private LauncherRepo repo;
    private Path jar;
    private Path cache;
    private Path trainingLog;

    @BeforeEach
    void repository() throws IOException {
        repo = LauncherRepo.create(tmp.resolve("repo"));
        Path root = repo.root().toRealPath();
        jar = root.resolve("target/artifact-cache.jar");
        cache = root.resolve("target/aot/artifact-cache-java-" + RUNTIME + ".aot");
        trainingLog = root.resolve("target/aot/training.log");
    }

    @Test
    void makesTheCacheOnceThenStartsTheServiceWithIt() throws IOException {
        Path java = fakeJdk("jdk-25", "25.0.1", RUNTIME);

        CommandResult first = launch(java, Map.of(), "serve", "--port", "0").assertStatus(0);

        assertEquals("artifact-cache: making the JVM's AOT cache for this build (once; about a minute; log: " + trainingLog + ")\n",
                first.err(), first::toString);
        String training = Files.readString(trainingLog);
        assertTrue(training.startsWith("trained with -XX:AOTCacheOutput=" + cache.getParent() + "/training.")
                && training.endsWith("/cache.aot --enable-native-access=ALL-UNNAMED -cp " + jar + " dev.artifactcache.bench.AotTraining\n"),
                training);
        assertEquals("ran -XX:AOTCache=" + cache + " --enable-native-access=ALL-UNNAMED -Dartifactcache.launcher="
                + repo.launcher().toRealPath() + " -jar " + jar + " serve --port 0\n", first.out());
        try (var left = Files.list(cache.getParent())) {
            assertEquals(2, left.count(), "only the cache and the training's log stay");
        }

        CommandResult again = launch(java, Map.of(), "serve", "--port", "0").assertStatus(0);

        assertEquals("", again.err(), again::toString);
        assertEquals(first.out(), again.out());
        assertTrue(launch(java, Map.of()).assertStatus(0).out().startsWith("ran -XX:AOTCache=" + cache + " "),
                "no command is serve");
    }

    @Test
    void makesTheCacheAgainWhenTheJarOrALibraryChanged() throws IOException {
        Path java = fakeJdk("jdk-25", "25.0.1", RUNTIME);
        launch(java, Map.of(), "serve").assertStatus(0);
        Instant made = Files.getLastModifiedTime(cache).toInstant();

        Files.setLastModifiedTime(cache, FileTime.from(made.minusSeconds(120))); // the jar built after the cache
        assertTrue(launch(java, Map.of(), "serve").assertStatus(0).err().contains("making the JVM's AOT cache"));

        Files.setLastModifiedTime(cache, FileTime.from(made.minusSeconds(120)));
        Files.setLastModifiedTime(jar, FileTime.from(made.minusSeconds(180)));
        Path library = Files.createDirectories(repo.root().resolve("target/libs")).resolve("lucene-core.jar");
        Files.writeString(library, "a newer library");
        Files.setLastModifiedTime(library, FileTime.from(made.minusSeconds(60)));
        assertTrue(launch(java, Map.of(), "serve").assertStatus(0).err().contains("making the JVM's AOT cache"));
        assertEquals("", launch(java, Map.of(), "serve").assertStatus(0).err());
    }

    @Test
    void startsWithoutTheCacheWhenItCannotBeMade() throws IOException {
        Path java = fakeJdk("jdk-25", "25.0.1", RUNTIME);

        CommandResult result = launch(java, Map.of("FAKE_TRAINING_FAILS", "yes"), "serve").assertStatus(0);

        assertEquals("artifact-cache: making the JVM's AOT cache for this build (once; about a minute; log: " + trainingLog + ")\n"
                + "artifact-cache: the JVM's AOT cache could not be made (see " + trainingLog + "); starting without it\n",
                result.err());
        assertEquals("ran --enable-native-access=ALL-UNNAMED -Dartifactcache.launcher=" + repo.launcher().toRealPath()
                + " -jar " + jar + " serve\n", result.out());
        assertEquals("training failed\n", Files.readString(trainingLog));
        assertFalse(Files.exists(cache));
    }

    @Test
    void neitherMakesNorUsesACacheOnJava21OrForTheClientCommandsOrWhenTurnedOff() throws IOException {
        Path java21 = fakeJdk("jdk-21", "21.0.2", "21.0.2+13");
        Path java25 = fakeJdk("jdk-25", "25.0.1", RUNTIME);

        assertEquals("", launch(java21, Map.of(), "serve").assertStatus(0).err());
        assertEquals("", launch(java25, Map.of("ARTIFACT_CACHE_AOT", "off"), "serve").assertStatus(0).err());
        for (String[] command : new String[][] {{"stats"}, {"search", "pdf"}, {"serve", "--help"}, {"--version"}, {"bench", "--help"},
                {"bench", "generate", "--output", "home"}}) {
            CommandResult result = launch(java25, Map.of(), command).assertStatus(0);
            assertEquals("", result.err(), result::toString);
            assertFalse(result.out().contains("AOT"), result::toString);
        }
        assertFalse(Files.exists(cache.getParent()));
    }

    @Test
    void theBenchmarkStartsItsServiceWithTheSameCache() throws IOException {
        Path java = fakeJdk("jdk-25", "25.0.1", RUNTIME);

        CommandResult bench = launch(java, Map.of(), "bench", "--sizes", "1000").assertStatus(0);

        assertTrue(bench.err().contains("making the JVM's AOT cache"), bench::toString);
        assertEquals("ran --enable-native-access=ALL-UNNAMED -Dartifactcache.aot-cache=" + cache + " -cp " + jar
                + " dev.artifactcache.bench.Bench --sizes 1000\n", bench.out());
    }

    /**
     * The service's heap asks for transparent huge pages where this machine's kernel gives them on
     * request ({@code [madvise]} in its setting), and only there: the expectation follows the machine
     * running the test. The client commands never ask.
     */
    @Test
    void serveAndTheBenchmarksServiceAskForHugePagesWhereTheKernelGivesThemOnRequest() throws IOException {
        Path java = fakeJdk("jdk-25", "25.0.1", RUNTIME);
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean onRequest = Files.isReadable(setting) && Files.readString(setting).contains("[madvise]");
        Map<String, String> on = Map.of("ARTIFACT_CACHE_HUGE_PAGES", "on");

        assertEquals("ran -XX:AOTCache=" + cache + (onRequest ? " -XX:+UseTransparentHugePages" : "")
                + " --enable-native-access=ALL-UNNAMED -Dartifactcache.launcher=" + repo.launcher().toRealPath()
                + " -jar " + jar + " serve\n", launch(java, on, "serve").assertStatus(0).out());
        assertEquals("ran --enable-native-access=ALL-UNNAMED -Dartifactcache.aot-cache=" + cache
                + (onRequest ? " -Dartifactcache.service-jvm-options=-XX:+UseTransparentHugePages" : "")
                + " -cp " + jar + " dev.artifactcache.bench.Bench --sizes 1000\n", launch(java, on, "bench", "--sizes", "1000").assertStatus(0).out());
        assertEquals("ran --enable-native-access=ALL-UNNAMED -Dartifactcache.launcher=" + repo.launcher().toRealPath()
                + " -jar " + jar + " stats\n", launch(java, on, "stats").assertStatus(0).out());
    }

    /**
     * A JDK whose release file says {@code version} and {@code runtime}, and whose java prints
     * {@code ran} and its arguments; given {@code -XX:AOTCacheOutput=F} it writes F and says so
     * (or fails when {@code FAKE_TRAINING_FAILS} is set), as the training run does.
     */
    private Path fakeJdk(String name, String version, String runtime) throws IOException {
        Path home = tmp.resolve("jdks").resolve(name);
        Path java = home.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, """
                #!/bin/sh
                for argument in "$@"; do
                    case $argument in -XX:AOTCacheOutput=*)
                        if [ -n "${FAKE_TRAINING_FAILS:-}" ]; then echo "training failed"; exit 1; fi
                        echo "aot cache" > "${argument#-XX:AOTCacheOutput=}"
                        echo "trained with $*"
                        exit 0
                    esac
                done
                echo "ran $*"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\nJAVA_RUNTIME_VERSION=\"" + runtime + "\"\n");
        return home;
    }

    private CommandResult launch(Path javaHome, Map<String, String> env, String... args) {
        Map<String, String> environment = LauncherRepo.environment();
        environment.remove("ARTIFACT_CACHE_AOT");
        environment.put("ARTIFACT_CACHE_HUGE_PAGES", "off"); // but where a test turns them on
        environment.put("JAVA_HOME", javaHome.toString());
        environment.putAll(env);
        return repo.run(tmp, environment, (Object[]) args);
    }
}
