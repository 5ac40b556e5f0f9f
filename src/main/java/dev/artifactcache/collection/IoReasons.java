package dev.artifactcache.collection;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Why a file could not be read, in words a user can act on: the operating system's reason
 * ("Too many levels of symbolic links", "permission denied"), never a Java exception class name.
 */
final class IoReasons {

    private IoReasons() {
    }

    static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : "an I/O error";
    }
}
