package dev.artifactcache.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets a broken embedded database aside: its H2 files are renamed {@code <file>.broken-<UTC time>}
 * in the same folder, kept for a post-mortem; every other file of the data folder (the index, a
 * durable copy of data that lives only in the database) stays where it is.
 */
final class DatabaseRecovery {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private DatabaseRecovery() {
    }

    static Recovery moveAside(EmbeddedH2 database, String reason, Instant at) throws IOException {
        List<Path> moved = new ArrayList<>();
        for (Path file : database.files()) {
            moved.add(moveAside(file, ".broken-" + STAMP.format(at)));
        }
        return new Recovery(at, reason, List.copyOf(moved));
    }

    /** Never overwrites an earlier broken copy: a second recovery in the same second gets {@code -2}, and so on. */
    private static Path moveAside(Path file, String suffix) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path target = file.resolveSibling(file.getFileName() + suffix + (attempt == 1 ? "" : "-" + attempt));
            try {
                return Files.move(file, target);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next name
            }
        }
    }
}
