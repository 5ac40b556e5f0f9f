package dev.artifactcache.collection;

import java.nio.file.Path;

/**
 * A collection's {@code collection.toml} could not be read or is not valid TOML. The message
 * names the file and, for a syntax error, the line and column, so a user can fix it.
 */
public final class ManifestException extends Exception {

    private final Path file;

    public ManifestException(Path file, String message) {
        this(file, message, null);
    }

    public ManifestException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The manifest file that could not be used. */
    public Path file() {
        return file;
    }
}
