package dev.artifactcache.bench;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The set-up every benchmark shares that runs the real service in child JVMs (a picocli mixin):
 * which java and class path start it, with which JVM options, and the work folder for homes, data
 * and logs, deleted afterwards unless kept.
 */
final class RunSetUp {

    @Option(names = "--work", description = "Folder for the homes, data and logs (default: a new temporary folder).")
    Path work;

    @Option(names = "--keep", description = "Keep the work folder (homes, database, index, service logs) afterwards.")
    boolean keep;

    @Option(names = "--java", description = "java launcher for the service (default: the one running this).")
    Path java;

    @Option(names = "--classpath", description = "Class path for the service (default: this JVM's).")
    String classpath;

    @Option(names = "--jvm-arg", description = "Extra JVM option for the service, repeatable (e.g. --jvm-arg=-Xmx1g).")
    List<String> jvmArgs = new ArrayList<>();

    /**
     * How the service is started: {@code --java} or this JVM's launcher, with an absolute class path,
     * with the launcher's AOT cache only when both are this JVM's own (the cache fits one Java
     * build and one jar; an older Java does not know the option), and the launcher's other service
     * options (its huge pages) in any case, as {@code serve} gets them.
     */
    ServiceProcess.Launch launch() throws IOException {
        Path launcher = java != null ? java : Path.of(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IOException("cannot tell which java runs this; pass --java")));
        List<String> options = new ArrayList<>();
        if (java == null && classpath == null) {
            ServiceProcess.aotCache().ifPresent(cache -> options.add(AOT_CACHE_OPTION + cache));
        }
        options.addAll(ServiceProcess.launcherJvmOptions());
        options.addAll(jvmArgs);
        return new ServiceProcess.Launch(launcher,
                Bench.absolute(classpath != null ? classpath : System.getProperty("java.class.path")), List.copyOf(options));
    }

    /** The JVM option naming the AOT cache a service starts with. */
    static final String AOT_CACHE_OPTION = "-XX:AOTCache=";

    /** {@code --work}, or a new temporary folder named after {@code prefix}. */
    Path folder(String prefix) throws IOException {
        return work != null ? Files.createDirectories(work) : Files.createTempDirectory(prefix);
    }

    /** Deletes a temporary work folder, unless {@code --keep}; a folder given with {@code --work} stays. */
    void cleanUp(Path folder) throws IOException {
        if (!keep && work == null) {
            Bench.deleteTree(folder);
        }
    }
}
