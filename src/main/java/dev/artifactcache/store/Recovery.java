package dev.artifactcache.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A broken embedded database found at start and set aside: the service started a fresh one, which
 * the population fills from the files.
 *
 * @param at         when it was moved aside
 * @param reason     what failed, in H2's words, on one line
 * @param movedAside the broken files, renamed {@code <name>.broken-<time>} in the same folder
 */
public record Recovery(Instant at, String reason, List<Path> movedAside) {
}
