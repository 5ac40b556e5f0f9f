package dev.artifactcache.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A segment's value is read once however many searches miss it at once, and a failed read is tried again. */
class SegmentCacheTest {

    private static final int SEARCHES = 4;

    @Test
    void concurrentFirstCallsReadOnce() throws Exception {
        try (Directory directory = segment(); DirectoryReader reader = DirectoryReader.open(directory)) {
            LeafReader segment = reader.leaves().getFirst().reader();
            SegmentCache cache = new SegmentCache();
            AtomicInteger reads = new AtomicInteger();
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            List<Thread> searchers = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(SEARCHES, runnable -> {
                Thread thread = new Thread(runnable);
                searchers.add(thread);
                return thread;
            });
            try {
                List<Future<Object>> values = new ArrayList<>();
                for (int i = 0; i < SEARCHES; i++) {
                    values.add(pool.submit(() -> cache.ofFixed(segment, "value", leaf -> {
                        reads.incrementAndGet();
                        reading.countDown();
                        awaitInterruptibly(finish);
                        return new Object();
                    })));
                    if (i == 0) {
                        reading.await(); // the first search is reading: the others miss while it does
                    }
                }
                awaitWaiting(searchers);
                finish.countDown();
                Object first = values.getFirst().get();
                for (Future<Object> value : values) {
                    assertSame(first, value.get());
                }
                assertEquals(1, reads.get());
                assertSame(first, cache.ofFixed(segment, "value", leaf -> new Object()), "the next search finds it");
            } finally {
                finish.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aFailedReadIsReadAgain() throws IOException {
        try (Directory directory = segment(); DirectoryReader reader = DirectoryReader.open(directory)) {
            LeafReader segment = reader.leaves().getFirst().reader();
            SegmentCache cache = new SegmentCache();
            IOException failed = assertThrows(IOException.class, () -> cache.of(segment, "value", leaf -> {
                throw new IOException("unreadable");
            }));
            assertEquals("unreadable", failed.getMessage());
            assertEquals("read", cache.of(segment, "value", leaf -> "read"));
            assertEquals("read", cache.of(segment, "value", leaf -> "read again"));
        }
    }

    /** Waits until every searcher thread is blocked: reading, or waiting for the one that reads. */
    private static void awaitWaiting(List<Thread> searchers) throws InterruptedException {
        while (searchers.size() < SEARCHES
                || searchers.stream().anyMatch(thread -> thread.getState() != Thread.State.WAITING)) {
            Thread.sleep(5);
        }
    }

    private static void awaitInterruptibly(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
    }

    private static Directory segment() throws IOException {
        Directory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            Document document = new Document();
            document.add(new StringField("key", "a", Field.Store.NO));
            writer.addDocument(document);
        }
        return directory;
    }
}
