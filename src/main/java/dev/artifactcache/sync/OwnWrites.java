package dev.artifactcache.sync;

import dev.artifactcache.collection.ArtifactFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files the service wrote itself (web edits), each synced under the write lock as part of
 * the edit: the watcher skips their events, so an edit is never synced a second time. A file is
 * claimed only while it still holds exactly the bytes written; any later change (CLI, git,
 * an editor) is a different content and goes through as usual. Temporary files of an atomic
 * write are always claimed.
 */
public final class OwnWrites {

    private static final String TEMPORARY = "";

    private final Map<Path, String> written = new ConcurrentHashMap<>();

    /** Records that {@code file} now holds {@code bytes}, written by the service. */
    public void wrote(Path file, byte[] bytes) {
        written.put(key(file), ArtifactFiles.contentHash(bytes));
    }

    /** Records a temporary file of an atomic write: its events never ask for a sync. */
    public void temporary(Path file) {
        written.put(key(file), TEMPORARY);
    }

    /** Whether an event for {@code changed} is the service's own write, already synced. */
    boolean claims(Path changed) {
        Path key = key(changed);
        String hash = written.get(key);
        if (hash == null) {
            return false;
        }
        if (hash.equals(TEMPORARY)) {
            return true;
        }
        try {
            if (!Files.isSymbolicLink(changed) && Files.isRegularFile(changed, LinkOption.NOFOLLOW_LINKS)
                    && hash.equals(ArtifactFiles.contentHash(Files.readAllBytes(changed)))) {
                return true;
            }
        } catch (IOException e) {
            // unreadable now: let the sync find out and report it
        }
        written.remove(key, hash);
        return false;
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
