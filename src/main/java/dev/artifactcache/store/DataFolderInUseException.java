package dev.artifactcache.store;

import java.nio.file.Path;

/**
 * Another process holds the embedded database open: a second service on the same data folder.
 * Not a broken database, so never a reason to recover.
 */
public final class DataFolderInUseException extends RuntimeException {

    private final Path folder;

    DataFolderInUseException(Path folder, Throwable cause) {
        super("the data folder " + folder + " is in use by another artifact-cache; stop that one, or choose another "
                + "folder with --data", cause);
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }
}
