package dev.artifactcache.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The launcher script that started this JVM ({@code etc/artifact-cache}), which passes its own
 * path in a system property: git hooks run it, and hints tell people to.
 */
final class Launcher {

    static final String PROPERTY = "artifactcache.launcher";

    private Launcher() {
    }

    static Optional<Path> path() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).filter(p -> !p.isBlank()).map(Path::of);
    }

    /**
     * The command line a person types to run {@code arguments} from the working folder: the
     * launcher's path relative to it when it lies below (as in {@code etc/artifact-cache serve}).
     */
    static String command(String arguments) {
        Path here = Path.of("").toAbsolutePath();
        String script = path().filter(Files::exists)
                .map(Path::toAbsolutePath)
                .map(p -> p.startsWith(here) ? here.relativize(p).toString() : p.toString())
                .orElse("etc/artifact-cache");
        return script + " " + arguments;
    }
}
