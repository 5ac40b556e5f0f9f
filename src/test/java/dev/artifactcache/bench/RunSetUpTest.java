package dev.artifactcache.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the benchmark starts its service: with the options the launcher gives {@code serve}, then the user's. */
class RunSetUpTest {

    @AfterEach
    void clearTheLaunchersProperties() {
        System.clearProperty(ServiceProcess.AOT_CACHE_PROPERTY);
        System.clearProperty(ServiceProcess.SERVICE_JVM_OPTIONS_PROPERTY);
    }

    @Test
    void theServiceStartsWithTheLaunchersCacheAndHugePagesThenTheJvmArgs() throws IOException {
        System.setProperty(ServiceProcess.AOT_CACHE_PROPERTY, "/builds/target/aot/artifact-cache-java-25.aot");
        System.setProperty(ServiceProcess.SERVICE_JVM_OPTIONS_PROPERTY, " -XX:+UseTransparentHugePages ");
        RunSetUp setUp = new RunSetUp();
        setUp.jvmArgs.add("-Xmx1g");

        assertEquals(List.of("-XX:AOTCache=/builds/target/aot/artifact-cache-java-25.aot", "-XX:+UseTransparentHugePages", "-Xmx1g"),
                setUp.launch().jvmArgs());
    }

    @Test
    void anotherJavaGetsTheHugePagesButNotTheCache() throws IOException {
        System.setProperty(ServiceProcess.AOT_CACHE_PROPERTY, "/builds/target/aot/artifact-cache-java-25.aot");
        System.setProperty(ServiceProcess.SERVICE_JVM_OPTIONS_PROPERTY, "-XX:+UseTransparentHugePages");
        RunSetUp setUp = new RunSetUp();
        setUp.java = Path.of("/opt/jdk-21/bin/java");

        assertEquals(List.of("-XX:+UseTransparentHugePages"), setUp.launch().jvmArgs());
    }

    @Test
    void withoutTheLauncherTheServiceGetsOnlyTheJvmArgs() throws IOException {
        RunSetUp setUp = new RunSetUp();
        setUp.jvmArgs.add("-Xmx512m");

        assertEquals(List.of("-Xmx512m"), setUp.launch().jvmArgs());
    }
}
