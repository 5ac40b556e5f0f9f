package dev.artifactcache.collection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;

/** Reads an artifact's metadata file once, bounded: a huge file is refused from its size, never loaded. */
final class MetadataFile {

    /** formats.md: 4 MiB for the whole file. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private MetadataFile() {
    }

    static byte[] read(MetadataFileLocator.Located located) throws MetadataFileException {
        // NOFOLLOW_LINKS: the located path is already real; a link swapped in since must not be followed.
        try (SeekableByteChannel channel = Files.newByteChannel(located.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > MAX_BYTES) {
                throw tooLarge(located, size);
            }
            InputStream in = Channels.newInputStream(channel);
            byte[] bytes = in.readNBytes(MAX_BYTES + 1); // the file may have grown since size()
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(located, Math.max(size, bytes.length));
            }
            return bytes;
        } catch (IOException e) {
            throw new MetadataFileException(located.label() + ": cannot be read (" + IoReasons.of(e) + ")");
        }
    }

    private static MetadataFileException tooLarge(MetadataFileLocator.Located located, long size) {
        return new MetadataFileException(located.label() + ": the file is " + size + " bytes; at most " + MAX_BYTES + " (4 MiB) are read");
    }
}
