package dev.artifactcache.store;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactMetadata;
import io.helidon.dbclient.DbClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-20T11:00:00Z");

    @TempDir
    Path data;
    private TestDatabase backend;
    private String url;
    private DbClient db;
    private ArtifactStore store;

    private void open(TestDatabase database) {
        backend = database;
        url = database.freshUrl(data);
        reopen();
    }

    private void reopen() {
        db = Database.open(url, backend.user(), "");
        store = new ArtifactStore(db, Backend.of(url));
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    static ArtifactMetadata metadata(String collection, String id, String description, List<String> tags) {
        return new ArtifactMetadata(collection, ArtifactId.parse(id), "Title", "https://github.com/acme/x", "github",
                null, "v1.2.0", "3f2a", "v1.2.0", "1.2.0", description, "Acme", "MIT", tags, List.of("Read", "Bash"),
                "ab".repeat(32), null, false, Instant.parse("2026-01-15T10:30:00.123456Z"));
    }

    static ArtifactRow row(String collection, String id, String description, Instant at) {
        return new ArtifactRow(collection, id, metadata(collection, id, description, List.of("pdf", "docs")), at, at, 0, false);
    }

    private long write(String collection, List<ArtifactChange> changes, List<String> touched, Instant at) {
        return store.write(new ChangeSet(collection, changes, touched, at, new CollectionState(collection, null, at)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertedRowReadsBackEqualWithTheNextSeq(TestDatabase database) {
        open(database);
        ArtifactRow row = row("default", "skill:pdf-tools", "Extract text from PDFs", T0);
        assertEquals(1, write("default", List.of(new ArtifactChange(row, false)), List.of(), T0));

        ArtifactRow read = store.rows("default").get("skill:pdf-tools");
        assertEquals(row.metadata(), read.metadata());
        assertEquals(T0, read.syncedAt());
        assertEquals(1, read.seq());
        assertEquals(1, store.maxSeq());
        assertEquals(List.of(new CollectionState("default", null, T0)), store.collections());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updateTakesTheNextSeqAndTouchMovesOnlySyncedAt(TestDatabase database) {
        open(database);
        ArtifactRow a = row("default", "skill:a", "first", T0);
        ArtifactRow b = row("default", "agent:b", "second", T0);
        write("default", List.of(new ArtifactChange(a, false), new ArtifactChange(b, false)), List.of(), T0);

        ArtifactRow changed = row("default", "skill:a", "changed", T1);
        // The change takes seq 3, the touch of agent:b seq 4.
        assertEquals(4, write("default", List.of(new ArtifactChange(changed, true)), List.of("agent:b"), T1));

        Map<String, ArtifactRow> rows = store.rows("default");
        assertEquals("changed", rows.get("skill:a").metadata().description());
        assertEquals(3, rows.get("skill:a").seq());
        assertEquals(T1, rows.get("agent:b").syncedAt());
        assertEquals(T0, rows.get("agent:b").updatedAt());
        assertEquals(2, rows.get("agent:b").seq());
        assertEquals(List.of("skill:a"), store.changesAfter(2, 10).stream().map(ArtifactRow::id).toList());
        assertEquals(List.of(new Touch(4, "default", List.of("agent:b"), T1)), store.touchesAfter(3, 10));
        assertEquals(List.of(), store.touchesAfter(4, 10));
        assertEquals(4, store.maxSeq());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tombstoneKeepsTheKeyWithANewSeqForReplay(TestDatabase database) {
        open(database);
        ArtifactRow a = row("default", "skill:a", "first", T0);
        write("default", List.of(new ArtifactChange(a, false)), List.of(), T0);
        ArtifactRow tombstone = new ArtifactRow("default", "skill:a", null, T1, T1, 0, true);
        write("default", List.of(new ArtifactChange(tombstone, true)), List.of(), T1);

        List<ArtifactRow> changes = store.changesAfter(1, 10);
        assertEquals(1, changes.size());
        assertTrue(changes.getFirst().deleted());
        assertNull(changes.getFirst().metadata());
        assertEquals(2, changes.getFirst().seq());
        assertEquals(List.of(), store.liveIds("default"));
        assertEquals(0, store.liveCount());
        // What the replica check compares an index with: the tombstone is not a live row.
        write("default", List.of(new ArtifactChange(row("default", "skill:b", "second", T1), false)), List.of(), T1);
        assertEquals(new ReplicaState(3, 1), store.replicaState());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void liveRowsPageThroughEveryRowOnceInKeyOrder(TestDatabase database) {
        open(database);
        List<ArtifactChange> changes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            changes.add(new ArtifactChange(row(i % 2 == 0 ? "a" : "b", "skill:s" + (100 + i), "d", T0), false));
        }
        write("a", changes, List.of(), T0);

        List<String> keys = new ArrayList<>();
        for (Iterator<ArtifactRow> rows = store.liveRows(4); rows.hasNext(); ) {
            keys.add(rows.next().key());
        }
        assertEquals(25, keys.size());
        assertEquals(keys.stream().sorted().toList(), keys);
        assertEquals("a/skill:s100", keys.getFirst());
        assertEquals("b/skill:s123", keys.getLast());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void removingACollectionDeletesItsRowButKeepsTheOthers(TestDatabase database) {
        open(database);
        write("a", List.of(), List.of(), T0);
        write("b", List.of(), List.of(), T0);
        store.write(new ChangeSet("a", List.of(), List.of(), T1, null));
        assertEquals(List.of(new CollectionState("b", null, T0)), store.collections());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sequenceContinuesAfterReopen(TestDatabase database) {
        open(database);
        write("default", List.of(new ArtifactChange(row("default", "skill:a", "x", T0), false)), List.of(), T0);
        db.close();
        reopen();
        assertEquals(1, store.maxSeq());
        assertEquals(2, write("default", List.of(new ArtifactChange(row("default", "skill:b", "y", T0), false)),
                List.of(), T0));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSeqIsHandedOutOnceByConstraint(TestDatabase database) {
        open(database);
        write("default", List.of(new ArtifactChange(row("default", "skill:a", "x", T0), false)), List.of(), T0);
        // A second row with seq 1, written past the sequence as a buggy writer would.
        ArtifactRow b = row("default", "skill:b", "y", T0);
        List<Object> values = RowCodec.values(new ArtifactRow(b.collection(), b.id(), b.metadata(), T0, T0, 1, false));
        RuntimeException duplicate = assertThrows(RuntimeException.class, () -> db.execute().insert(
                "INSERT INTO artifacts (" + RowCodec.COLUMNS + ") VALUES ("
                        + String.join(", ", Collections.nCopies(values.size(), "?")) + ")", values.toArray()));
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = duplicate; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        assertTrue(messages.toString().toLowerCase(Locale.ROOT).contains("artifacts_seq_unique"), messages.toString());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void prunedTouchesAreOnlyThoseOlderThanTheCutOff(TestDatabase database) {
        open(database);
        write("default", List.of(new ArtifactChange(row("default", "skill:a", "x", T0), false)), List.of(), T0);
        write("default", List.of(), List.of("skill:a"), T0);
        write("default", List.of(), List.of("skill:a"), T1);
        assertEquals(1, store.pruneTouches(T1));
        assertEquals(List.of(new Touch(3, "default", List.of("skill:a"), T1)), store.touchesAfter(0, 10));
    }

    /**
     * Two nodes (two connection pools) and four threads each increment one row's counter: each
     * write reads the row inside its transaction and decides on it, so no increment is lost, and
     * every change has its own seq.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void writersOnTwoNodesDecideInsideTheirTransactionsAndTakeUniqueSeqs(TestDatabase database) throws Exception {
        open(database);
        DbClient otherDb = Database.open(url, backend.user(), "");
        ArtifactStore other = new ArtifactStore(otherDb, Backend.of(url));
        int perThread = 15;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                ArtifactStore node = t % 2 == 0 ? store : other;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        node.write("default", rows -> increment(rows.rows(List.of("skill:counter")).get("skill:counter")));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
            otherDb.close();
        }
        ArtifactRow counter = store.rows("default").get("skill:counter");
        assertEquals(String.valueOf(8 * perThread), counter.metadata().description());
        assertEquals(8 * perThread, store.maxSeq());
        assertEquals(8 * perThread, counter.seq());
    }

    private static ChangeSet increment(ArtifactRow existing) {
        int count = existing == null ? 0 : Integer.parseInt(existing.metadata().description());
        ArtifactRow next = row("default", "skill:counter", String.valueOf(count + 1), T0);
        return new ChangeSet("default", List.of(new ArtifactChange(next, existing != null)), List.of(), T0,
                new CollectionState("default", null, T0));
    }
}
