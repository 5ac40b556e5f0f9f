package dev.artifactcache.http;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One run per key at a time, and at most one more queued behind it: a caller arriving while a run
 * is going joins the queued one (which starts when the current one ends, so it sees every change
 * made before the caller asked), and a caller arriving while one is queued joins that. SkillMeat's
 * CLI fires a refresh after every change; a burst of them costs two runs, never a refusal.
 */
final class SingleFlight<K, V> {

    /** @param queued the run that starts when {@code running} ends, or null */
    private record Flight<V>(CompletableFuture<V> running, CompletableFuture<V> queued) {
    }

    private final Map<K, Flight<V>> flights = new HashMap<>();

    /** Runs {@code work} for {@code key}, or waits for the run that will cover this call and returns its result. */
    V run(K key, Supplier<V> work) {
        CompletableFuture<V> joined = null;
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> ahead = null;
        synchronized (flights) {
            Flight<V> flight = flights.get(key);
            if (flight == null) {
                flights.put(key, new Flight<>(mine, null));
            } else if (flight.queued() == null) {
                ahead = flight.running();
                flights.put(key, new Flight<>(ahead, mine));
            } else {
                joined = flight.queued();
            }
        }
        if (joined != null) {
            return await(joined);
        }
        if (ahead != null) {
            ahead.handle((value, error) -> null).join(); // its outcome is its callers'; this run starts after it
            synchronized (flights) {
                flights.put(key, new Flight<>(mine, null));
            }
        }
        try {
            V value = work.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (flights) {
                Flight<V> flight = flights.get(key);
                if (flight != null && flight.running() == mine && flight.queued() == null) {
                    flights.remove(key);
                }
            }
        }
    }

    private static <V> V await(CompletableFuture<V> run) {
        try {
            return run.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
