package dev.artifactcache.bench;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs file writes on a few threads, at most {@value #IN_FLIGHT} at a time; {@link #close()}
 * waits for all and rethrows the first failure. Order does not matter: every write has its own file.
 */
final class FileWrites implements AutoCloseable {

    interface Write {
        Object run() throws IOException;
    }

    private static final int THREADS = 4;
    private static final int IN_FLIGHT = 256;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, Thread.ofPlatform().daemon().name("generate-", 0).factory());
    private final Deque<Future<Object>> pending = new ArrayDeque<>();

    void submit(Write write) throws IOException {
        if (pending.size() >= IN_FLIGHT) {
            await(pending.removeFirst());
        }
        pending.addLast(pool.submit(write::run));
    }

    @Override
    public void close() throws IOException {
        try {
            while (!pending.isEmpty()) {
                await(pending.removeFirst());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Future<Object> write) throws IOException {
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing files", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("writing a file failed", e.getCause());
        }
    }
}
