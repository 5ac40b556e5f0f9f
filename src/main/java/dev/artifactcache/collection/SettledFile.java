package dev.artifactcache.collection;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * When what was read from a file may be reused while its size and modification time stay the same.
 * File times are coarse (a kernel tick), so two writes of the same size in one tick look the same.
 * As git does for its index, a file modified shortly before it was read is not trusted: the next
 * reader reads it again.
 */
public final class SettledFile {

    private static final long SETTLED_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private SettledFile() {
    }

    /** Now, as nanoseconds since the epoch (the unit of {@link #settled}). Take it before reading. */
    public static long nowNanos() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    /** Whether a file last modified at {@code modifiedNanos} was settled when a read began at {@code readStartedNanos}. */
    public static boolean settled(long modifiedNanos, long readStartedNanos) {
        return modifiedNanos < readStartedNanos - SETTLED_NANOS;
    }
}
