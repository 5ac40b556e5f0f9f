package dev.artifactcache.collection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Size and modification time of {@code collection.toml} and {@code collection.lock}: two
 * {@code stat} calls tell whether a parsed {@link Manifest} is still current, where parsing a
 * 100,000-entry manifest takes seconds.
 *
 * @param manifestSize          bytes of collection.toml
 * @param manifestModifiedNanos its modification time, nanoseconds since the epoch
 * @param lockSize              bytes of collection.lock, or -1 when there is none
 * @param lockModifiedNanos     its modification time, or -1 when there is none
 */
public record ManifestStamp(long manifestSize, long manifestModifiedNanos, long lockSize, long lockModifiedNanos) {

    /**
     * Stats both files of {@code collectionFolder}. Take the stamp before parsing: a change made
     * while parsing then shows up as a different stamp next time instead of being missed.
     *
     * @throws IOException when collection.toml cannot be stat'ed (e.g. it does not exist)
     */
    public static ManifestStamp of(Path collectionFolder) throws IOException {
        FileReads.record();
        BasicFileAttributes manifest = Files.readAttributes(collectionFolder.resolve(ManifestReader.MANIFEST_FILE), BasicFileAttributes.class);
        BasicFileAttributes lock;
        try {
            lock = Files.readAttributes(collectionFolder.resolve(LockFile.FILE_NAME), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new ManifestStamp(manifest.size(), nanos(manifest), -1, -1);
        }
        return new ManifestStamp(manifest.size(), nanos(manifest), lock.size(), nanos(lock));
    }

    private static long nanos(BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }
}
