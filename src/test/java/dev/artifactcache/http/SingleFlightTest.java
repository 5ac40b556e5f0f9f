package dev.artifactcache.http;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SingleFlightTest {

    private final SingleFlight<String, String> flights = new SingleFlight<>();
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void callersDuringARunShareOneRunAfterIt() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> flights.run("default", () -> {
            firstStarted.countDown();
            await(releaseFirst);
            return "run " + runs.incrementAndGet();
        }));
        firstStarted.await();
        String[] results = new String[2];
        Thread second = Thread.ofPlatform().start(() -> results[0] = flights.run("default", () -> "run " + runs.incrementAndGet()));
        Thread third = Thread.ofPlatform().start(() -> results[1] = flights.run("default", () -> "run " + runs.incrementAndGet()));
        waitUntilBlocked(second);
        waitUntilBlocked(third);

        releaseFirst.countDown();
        second.join();
        third.join();

        assertEquals("run 1", first.get());
        assertEquals("run 2", results[0]);
        assertEquals("run 2", results[1]);
        assertEquals(2, runs.get());
        assertEquals("run 3", flights.run("default", () -> "run " + runs.incrementAndGet()), "a later call runs anew");
    }

    @Test
    void otherKeysRunOnTheirOwnAndFailuresReachEveryCaller() {
        assertEquals("work", flights.run("work", () -> "work"));
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> flights.run("default", () -> {
                    throw new IllegalStateException("manifest unreadable");
                }));
        assertEquals("manifest unreadable", failure.getMessage());
        assertEquals("after", flights.run("default", () -> "after"));
    }

    /** A caller that joined or queued parks on its run's future. */
    private static void waitUntilBlocked(Thread thread) {
        while (thread.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
