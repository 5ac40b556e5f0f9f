package dev.artifactcache.store;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactMetadata;
import io.helidon.dbclient.DbClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-20T11:00:00Z");

    @TempDir
    Path data;
    private DbClient db;
    private ArtifactStore store;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:file:" + data.resolve("db"), "sa", "");
        store = new ArtifactStore(db);
    }

    @AfterEach
    void close() {
        db.close();
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

    @Test
    void insertedRowReadsBackEqualWithTheNextSeq() {
        ArtifactRow row = row("default", "skill:pdf-tools", "Extract text from PDFs", T0);
        assertEquals(1, write("default", List.of(new ArtifactChange(row, false)), List.of(), T0));

        ArtifactRow read = store.rows("default").get("skill:pdf-tools");
        assertEquals(row.metadata(), read.metadata());
        assertEquals(T0, read.syncedAt());
        assertEquals(1, read.seq());
        assertEquals(1, store.maxSeq());
        assertEquals(List.of(new CollectionState("default", null, T0)), store.collections());
    }

    @Test
    void updateTakesTheNextSeqAndTouchMovesOnlySyncedAt() {
        ArtifactRow a = row("default", "skill:a", "first", T0);
        ArtifactRow b = row("default", "agent:b", "second", T0);
        write("default", List.of(new ArtifactChange(a, false), new ArtifactChange(b, false)), List.of(), T0);

        ArtifactRow changed = row("default", "skill:a", "changed", T1);
        assertEquals(3, write("default", List.of(new ArtifactChange(changed, true)), List.of("agent:b"), T1));

        Map<String, ArtifactRow> rows = store.rows("default");
        assertEquals("changed", rows.get("skill:a").metadata().description());
        assertEquals(3, rows.get("skill:a").seq());
        assertEquals(T1, rows.get("agent:b").syncedAt());
        assertEquals(T0, rows.get("agent:b").updatedAt());
        assertEquals(2, rows.get("agent:b").seq());
        assertEquals(List.of("skill:a"), store.changesAfter(2, 10).stream().map(ArtifactRow::id).toList());
    }

    @Test
    void tombstoneKeepsTheKeyWithANewSeqForReplay() {
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
    }

    @Test
    void liveRowsPageThroughEveryRowOnceInKeyOrder() {
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

    @Test
    void removingACollectionDeletesItsRowButKeepsTheOthers() {
        write("a", List.of(), List.of(), T0);
        write("b", List.of(), List.of(), T0);
        store.write(new ChangeSet("a", List.of(), List.of(), T1, null));
        assertEquals(List.of(new CollectionState("b", null, T0)), store.collections());
    }

    @Test
    void sequenceContinuesAfterReopen() {
        write("default", List.of(new ArtifactChange(row("default", "skill:a", "x", T0), false)), List.of(), T0);
        db.close();
        db = Database.open("jdbc:h2:file:" + data.resolve("db"), "sa", "");
        store = new ArtifactStore(db);
        assertEquals(1, store.lastSeq());
        assertEquals(2, write("default", List.of(new ArtifactChange(row("default", "skill:b", "y", T0), false)),
                List.of(), T0));
    }
}
