package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Adds every live row to a fresh index using all cores: rows are read on the caller's thread (the
 * iterator need not be thread-safe) and indexed in batches on a few threads, each feeding its own
 * in-memory segment of the writer. At most two batches per thread are in flight.
 */
final class BulkLoader {

    private static final int BATCH = 256;

    private BulkLoader() {
    }

    static void addAll(IndexWriter writer, Iterator<ArtifactRow> rows, Function<ArtifactRow, Document> toDocument) throws IOException {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "artifact-index-rebuild");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<?>> pending = new ArrayDeque<>();
        try {
            List<ArtifactRow> batch = new ArrayList<>(BATCH);
            while (rows.hasNext()) {
                ArtifactRow row = rows.next();
                if (!row.deleted()) {
                    batch.add(row);
                }
                if (batch.size() == BATCH) {
                    submit(pool, writer, batch, pending, threads * 2, toDocument);
                    batch = new ArrayList<>(BATCH);
                }
            }
            submit(pool, writer, batch, pending, 0, toDocument);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void submit(ExecutorService pool, IndexWriter writer, List<ArtifactRow> batch, Deque<Future<?>> pending,
                               int maxPending, Function<ArtifactRow, Document> toDocument) throws IOException {
        if (!batch.isEmpty()) {
            pending.add(pool.submit(() -> index(writer, batch, toDocument)));
        }
        while (pending.size() > maxPending) {
            await(pending.poll());
        }
    }

    private static void index(IndexWriter writer, List<ArtifactRow> batch, Function<ArtifactRow, Document> toDocument) {
        try {
            for (ArtifactRow row : batch) {
                Document document = toDocument.apply(row);
                writer.addDocument(document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(Future<?> future) throws IOException {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rebuilding the index", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }
}
