package dev.artifactcache.edit;

import dev.artifactcache.sync.OwnWrites;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file's content all at once: a temporary file in the same folder, fsync'd, renamed
 * over the file, then the folder fsync'd. A reader (SkillMeat's CLI, the watcher) sees the old
 * bytes or the new ones, never a part; a crash leaves at most the temporary file.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /** A file of the service's own (the data folder), which no watcher looks at. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, null);
    }

    /**
     * @param file      a real path (no symbolic link), already checked to be inside its collection
     * @param ownWrites told of the temporary file and the new content, so the watcher skips them; or null
     */
    static void write(Path file, byte[] bytes, OwnWrites ownWrites) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".artifact-cache-edit");
        if (ownWrites != null) {
            ownWrites.temporary(temporary);
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the temporary file keeps the default permissions
        }
        if (ownWrites != null) {
            ownWrites.wrote(file, bytes);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try (FileChannel folder = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            folder.force(true); // makes the rename itself durable
        } catch (IOException e) {
            // some file systems cannot open a folder for fsync; the rename is still atomic
        }
    }
}
