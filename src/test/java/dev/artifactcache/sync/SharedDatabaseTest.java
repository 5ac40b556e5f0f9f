package dev.artifactcache.sync;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.Eventually;
import dev.artifactcache.MutableClock;
import dev.artifactcache.Settings;
import dev.artifactcache.TestHome;
import dev.artifactcache.store.ArtifactRow;
import dev.artifactcache.store.Database;
import dev.artifactcache.store.IngestLease;
import dev.artifactcache.store.TestDatabase;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two caches (two nodes: own pools, own indexes) on one database, in one JVM, on H2 and on
 * PostgreSQL: concurrent populations and refreshes agree on one row per artifact, seqs handed out
 * once, and indexes equal to the live rows; the replica check repairs a drifted index; the lease
 * has one holder at a time.
 */
class SharedDatabaseTest {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration LEASE = Settings.Nodes.DEFAULT.lease();

    @TempDir
    Path tmp;
    private final List<ArtifactCache> caches = new ArrayList<>();
    private String url;
    private TestHome home;

    private ArtifactCache node(TestDatabase database, String name) throws IOException {
        Settings settings = Settings.from(Config.just(ConfigSources.create(Map.of(
                        "db.connection.url", url, "db.connection.username", database.user()))),
                Map.of("SKILLMEAT_HOME", home.root().toString(), "ARTIFACT_CACHE_DATA", tmp.resolve(name).toString()));
        ArtifactCache cache = ArtifactCache.open(settings, new MutableClock(START));
        caches.add(cache);
        return cache;
    }

    private void setUp(TestDatabase database) {
        url = database.freshUrl(tmp);
        home = new TestHome(tmp.resolve("home")).skills("default", 300).skills("work", 120);
    }

    @AfterEach
    void close() throws IOException {
        for (ArtifactCache cache : caches) {
            cache.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentPopulationsAndRefreshesEndWithOneRowPerArtifactAndEqualIndexes(TestDatabase database) throws Exception {
        setUp(database);
        ArtifactCache a = node(database, "a");
        ArtifactCache b = node(database, "b");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Object>> work = List.of(
                    () -> { a.population().run(); return a.population().status().state(); },
                    () -> { b.population().run(); return b.population().status().state(); },
                    () -> a.batches().collections(List.of("default", "work")).scanned(),
                    () -> b.batches().collections(List.of("work")).scanned());
            for (Future<Object> done : threads.invokeAll(work)) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(PopulationStatus.State.DONE, a.population().status().state());
        assertEquals(PopulationStatus.State.DONE, b.population().status().state());

        List<ArtifactRow> rows = new ArrayList<>();
        a.store().liveRows(1000).forEachRemaining(rows::add);
        assertEquals(420, rows.size());
        Set<Long> seqs = new HashSet<>();
        rows.forEach(row -> seqs.add(row.seq()));
        assertEquals(420, seqs.size());
        for (ArtifactCache node : List.of(a, b)) {
            node.mirror().catchUp(); // what each node's tailer does on the other's notification
            assertEquals(420, node.index().documentCount());
            assertEquals(0, node.mirror().lag());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theReplicaCheckRebuildsAnIndexThatDriftedFromTheLiveRows(TestDatabase database) throws Exception {
        setUp(database);
        ArtifactCache a = node(database, "a");
        a.population().run();
        assertTrue(a.mirror().verify());
        assertEquals(420, a.index().documentCount());

        // A replica that lost documents while its applied seq says it is in step (the drift of issue 13).
        Iterator<ArtifactRow> some = a.store().liveRows(1000);
        List<ArtifactRow> kept = new ArrayList<>();
        for (int i = 0; i < 175 && some.hasNext(); i++) {
            kept.add(some.next());
        }
        a.index().rebuild(kept.iterator(), a.store().maxSeq());
        assertEquals(175, a.index().documentCount());
        assertEquals(0, a.mirror().lag());

        assertTrue(a.mirror().verify());
        assertEquals(420, a.index().documentCount());
        assertEquals(0, a.mirror().lag());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theLeaseHasOneHolderUntilReleasedOrExpired(TestDatabase database) {
        setUp(database);
        DbClient db = Database.open(url, database.user(), "");
        try {
            IngestLease first = new IngestLease(db, "node-1", LEASE);
            IngestLease second = new IngestLease(db, "node-2", LEASE);

            assertTrue(first.renew());
            assertFalse(second.renew());
            assertTrue(first.renew());
            assertEquals("node-1", first.currentHolder());

            first.release();
            assertTrue(second.renew());
            assertFalse(first.renew());

            // node-2 dies: its lease runs out and node-1 takes it.
            db.execute().dml("UPDATE ingest_lease SET expires_at = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00'");
            assertTrue(first.renew());
            assertEquals("node-1", second.currentHolder());

            // The configured length, to the millisecond: a lease of 300 ms held by node-3 runs out unrenewed.
            first.release();
            IngestLease brief = new IngestLease(db, "node-3", Duration.ofMillis(300));
            assertTrue(brief.renew());
            assertFalse(first.renew());
            Eventually.await("node-3's lease of 300 ms to run out", () -> first.renew());
            assertEquals("node-1", brief.currentHolder());
        } finally {
            db.close();
        }
    }
}
