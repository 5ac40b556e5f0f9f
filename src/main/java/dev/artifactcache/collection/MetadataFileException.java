package dev.artifactcache.collection;

/**
 * An artifact's metadata file cannot be used (refused path, missing, too large, unsafe YAML).
 * The message is the artifact's {@code sync_error}: it starts with the file, relative to the
 * collection folder, and says what is wrong.
 */
public final class MetadataFileException extends Exception {

    MetadataFileException(String message) {
        super(message);
    }
}
