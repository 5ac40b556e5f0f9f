package dev.artifactcache;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for background work (revalidation, the file watcher) by polling a condition with a
 * bounded deadline: tests never sleep a fixed time, nor assert how long something took.
 */
public final class Eventually {

    public static final Duration DEADLINE = Duration.ofSeconds(5);

    private Eventually() {
    }

    /** Returns as soon as {@code condition} holds; fails naming {@code what} after {@link #DEADLINE}. */
    public static void await(String what, BooleanSupplier condition) {
        await(what, DEADLINE, condition);
    }

    /** {@link #await(String, BooleanSupplier)} with another deadline (other processes, a lease takeover). */
    public static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
