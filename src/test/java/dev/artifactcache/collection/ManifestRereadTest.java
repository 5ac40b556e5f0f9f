package dev.artifactcache.collection;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 12 §2: a {@code collection.toml} whose size or modification time changes while it is read is
 * read again. Deterministic without a seam: {@code collection.lock} is a named pipe, and the reader
 * reads it between the manifest's text and its second look at the manifest's size and time: it
 * waits there until the test, having changed the manifest or not, closes the pipe's other end (and
 * the test waits, looking at the reader's stack, until it closed its own before the next round).
 * Each change makes the file longer: a size change, which no coarse file-system clock can hide.
 */
class ManifestRereadTest {

    private static final String WHOLE = """
            [collection]
            name = "work"
            version = "1.0.0"
            created = "2026-01-15T10:30:00"

            [[artifacts]]
            name = "pdf-tools"
            type = "skill"
            path = "skills/pdf-tools"
            origin = "local"
            added = "2026-01-15T10:30:00"
            """;

    @TempDir
    Path temp;
    private Path folder;
    private Path manifest;
    private Path lock;
    private Thread reader;
    private final FutureTask<Manifest> read = new FutureTask<>(() -> ManifestReader.read(folder));

    @BeforeEach
    void lockFileIsAPipe() throws Exception {
        folder = Files.createDirectories(temp.resolve("work"));
        manifest = folder.resolve(ManifestReader.MANIFEST_FILE);
        lock = folder.resolve(LockFile.FILE_NAME);
        Process mkfifo = new ProcessBuilder("mkfifo", lock.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
    }

    @Test
    void aManifestWrittenWhileItIsReadIsReadAgain() throws Exception {
        Files.writeString(manifest, ""); // a writer truncated it and has not written it yet
        reader = Thread.ofPlatform().daemon().start(read);

        // The writer finishes while the reader holds the empty text: the size changed, so it reads again.
        whileReaderWaitsInLockRead(() -> Files.writeString(manifest, WHOLE));
        whileReaderWaitsInLockRead(() -> { }); // the second read: unchanged

        Manifest result = read.get(1, TimeUnit.MINUTES);
        assertEquals(List.of(ArtifactId.parse("skill:pdf-tools")), result.entries().stream().map(ManifestEntry::id).toList());
        assertEquals(Files.size(manifest), result.stamp().manifestSize());
    }

    @Test
    void aManifestThatKeepsChangingIsReportedAfterFiveReads() throws Exception {
        Files.writeString(manifest, WHOLE);
        reader = Thread.ofPlatform().daemon().start(read);

        for (int attempt = 1; attempt <= ManifestReader.MAX_READS; attempt++) {
            String changed = WHOLE + "#".repeat(attempt) + "\n"; // one byte longer each time
            whileReaderWaitsInLockRead(() -> Files.writeString(manifest, changed));
        }

        ExecutionException failed = assertThrows(ExecutionException.class, () -> read.get(1, TimeUnit.MINUTES));
        ManifestException broken = assertInstanceOf(ManifestException.class, failed.getCause());
        assertEquals(manifest.toAbsolutePath().normalize() + ": changed while being read, 5 times in a row; it is read "
                + "again at its next change", broken.getMessage());
    }

    private interface Change {
        void make() throws IOException;
    }

    /**
     * Opens the pipe's writing end, which returns once the reader opened it (so it has read the
     * manifest's text and now waits for the lock's bytes), makes {@code change}, and closes the pipe:
     * the reader gets an empty lock file and goes on to look at the manifest's size and time again.
     */
    private void whileReaderWaitsInLockRead(Change change) throws IOException, InterruptedException {
        try (OutputStream pipe = Files.newOutputStream(lock)) {
            awaitReader(true); // past its open, in the read that waits for this end to close
            change.make();
        }
        // Until the reader closed its end, the next open would join this read of the lock, not the next one.
        awaitReader(false);
    }

    private void awaitReader(boolean readingThePipe) throws InterruptedException {
        while (reader.isAlive() && readingThePipe() != readingThePipe) {
            Thread.sleep(1);
        }
    }

    /** In its read of the lock file, past the pipe's open: it has not closed the pipe yet. */
    private boolean readingThePipe() {
        List<StackTraceElement> stack = List.of(reader.getStackTrace());
        return stack.stream().anyMatch(frame -> frame.getClassName().equals(LockFile.class.getName()) && frame.getMethodName().equals("read"))
                && stack.stream().noneMatch(frame -> frame.getClassName().endsWith("NativeDispatcher") && frame.getMethodName().startsWith("open"));
    }
}
