package dev.artifactcache.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a list of queries over HTTP with a fixed number of closed-loop clients: each client sends
 * its next request as soon as the previous answered, on its own keep-alive connection. Latency is
 * measured per request at the client (send to last byte), throughput over the wall time of the run.
 */
final class LoadDriver {

    /** Requests slower than this are recorded as this (histograms need a bound). */
    private static final long MAX_RECORDED_NANOS = Duration.ofSeconds(60).toNanos();
    private static final int ERRORS_KEPT = 5;

    /**
     * @param requests   requests answered (any status)
     * @param errors     requests that did not answer 200, or failed
     * @param firstErrors the first few failures, for the report
     * @param wallNanos  from the start of the first request to the end of the last
     * @param all        latency of every request, nanoseconds
     * @param byKind     latency per query kind, nanoseconds
     */
    record Result(int clients, long requests, long errors, List<String> firstErrors, long wallNanos, Histogram all,
                  Map<String, Histogram> byKind) {

        double throughput() {
            return wallNanos == 0 ? 0 : requests * 1e9 / wallNanos;
        }
    }

    private LoadDriver() {
    }

    /**
     * Sends {@code requests} requests in total (split over the clients), or as many as fit in
     * {@code maxTime}. Each client walks the queries in its own seeded shuffled order.
     */
    static Result run(int port, List<QueryMix.Query> queries, int clients, long requests, Duration maxTime, long seed)
            throws IOException {
        long deadline = System.nanoTime() + maxTime.toNanos();
        List<Worker> workers = new ArrayList<>(clients);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        AtomicLong errors = new AtomicLong();
        List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            long share = requests / clients + (c < requests % clients ? 1 : 0);
            List<QueryMix.Query> order = new ArrayList<>(queries);
            Collections.shuffle(order, new Random(seed * 31 + c));
            workers.add(new Worker(port, order, share, deadline, start, done, errors, firstErrors));
        }
        List<Thread> threads = workers.stream().map(w -> Thread.ofPlatform().name("bench-client").start(w)).toList();
        long started = System.nanoTime();
        start.countDown();
        try {
            done.await();
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the clients ran", e);
        }
        long wall = System.nanoTime() - started;
        Histogram all = histogram();
        Map<String, Histogram> byKind = new LinkedHashMap<>();
        queries.forEach(q -> byKind.computeIfAbsent(q.kind(), k -> histogram()));
        long answered = 0;
        for (Worker worker : workers) {
            if (worker.failure != null) {
                throw worker.failure;
            }
            all.add(worker.all);
            worker.byKind.forEach((kind, h) -> byKind.get(kind).add(h));
            answered += worker.all.getTotalCount();
        }
        return new Result(clients, answered, errors.get(), List.copyOf(firstErrors), wall, all, byKind);
    }

    static Histogram histogram() {
        return new Histogram(MAX_RECORDED_NANOS, 3);
    }

    private static final class Worker implements Runnable {
        private final int port;
        private final List<QueryMix.Query> order;
        private final long share;
        private final long deadline;
        private final CountDownLatch start;
        private final CountDownLatch done;
        private final AtomicLong errors;
        private final List<String> firstErrors;
        private final Histogram all = histogram();
        private final Map<String, Histogram> byKind = new LinkedHashMap<>();
        private IOException failure;

        Worker(int port, List<QueryMix.Query> order, long share, long deadline, CountDownLatch start, CountDownLatch done,
               AtomicLong errors, List<String> firstErrors) {
            this.port = port;
            this.order = order;
            this.share = share;
            this.deadline = deadline;
            this.start = start;
            this.done = done;
            this.errors = errors;
            this.firstErrors = firstErrors;
            order.forEach(q -> byKind.computeIfAbsent(q.kind(), k -> histogram()));
        }

        @Override
        public void run() {
            try (LoopbackClient client = new LoopbackClient(port)) {
                start.await();
                for (long i = 0; i < share && System.nanoTime() < deadline; i++) {
                    QueryMix.Query query = order.get((int) (i % order.size()));
                    long sent = System.nanoTime();
                    LoopbackClient.Response response = client.get(query.path());
                    long took = Math.min(System.nanoTime() - sent, MAX_RECORDED_NANOS);
                    all.recordValue(took);
                    byKind.get(query.kind()).recordValue(took);
                    if (response.status() != 200) {
                        errors.incrementAndGet();
                        if (firstErrors.size() < ERRORS_KEPT) {
                            firstErrors.add(query.path() + " answered " + response.status() + ": " + abbreviated(response.text()));
                        }
                    }
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IOException("interrupted", e);
            } finally {
                done.countDown();
            }
        }

        private static String abbreviated(String text) {
            return text.length() <= 200 ? text : text.substring(0, 200) + "...";
        }
    }
}
