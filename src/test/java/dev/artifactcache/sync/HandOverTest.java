package dev.artifactcache.sync;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.MutableClock;
import dev.artifactcache.Settings;
import dev.artifactcache.bench.HomeGenerator;
import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.index.ArtifactIndex;
import dev.artifactcache.index.SearchRequest;
import dev.artifactcache.store.ArtifactChange;
import dev.artifactcache.store.ArtifactRow;
import dev.artifactcache.store.ArtifactStore;
import dev.artifactcache.store.ChangeSet;
import dev.artifactcache.store.CollectionState;
import dev.artifactcache.store.Database;
import dev.artifactcache.store.ReplicaState;
import dev.artifactcache.store.TestDatabase;
import dev.artifactcache.store.Written;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sync hands the rows it committed to the index instead of the index reading them back (a large
 * sync to the index's own thread, a single one visible at once): the handed rows are applied in seq
 * order, a change of another writer before or between them is read from the database, and the
 * index ends equal to the rows. The index is committed once the writes pause, and at least every
 * 30 s while they keep coming.
 */
class HandOverTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-20T11:00:00Z");

    @TempDir
    Path tmp;
    private DbClient db;
    private ArtifactStore store;
    private ArtifactIndex index;
    private IndexMirror mirror;
    /** The mirror's clock, in nanoseconds: it moves only when a test moves it. */
    private final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void open() throws IOException {
        db = Database.open(TestDatabase.H2.freshUrl(tmp), TestDatabase.H2.user(), "");
        store = new ArtifactStore(db);
        index = ArtifactIndex.open(tmp.resolve("lucene"));
        mirror = new IndexMirror(store, index, nanos::get);
        mirror.recover();
    }

    @AfterEach
    void close() throws IOException {
        mirror.close();
        index.close();
        db.close();
    }

    @Test
    void handedRowsAreAppliedAndAnotherWritersChangeBetweenIsReadFromTheDatabase() {
        Written first = write(List.of(insert("skill:a", "first a"), insert("skill:b", "first b")), T0);
        mirror.applySoon(first);
        // Another writer (a single sync, another node): committed, never handed over.
        store.write(changes(List.of(update("skill:a", "edited elsewhere")), T1));
        Written third = write(List.of(insert("skill:c", "third c"), tombstone("skill:b")), T1);
        mirror.applySoon(third);

        mirror.catchUp();

        assertEquals(store.maxSeq(), mirror.appliedSeq());
        assertEquals(2, index.documentCount());
        assertEquals("edited elsewhere", description("skill:a"));
        assertEquals("third c", description("skill:c"));
        assertTrue(index.get("default", "skill:b").isEmpty());
    }

    @Test
    void theRowsHandedOverAreWhatTheIndexTakesWithoutReadingThemBack() {
        Written written = write(List.of(insert("skill:a", "in the database")), T0);
        ArtifactRow row = written.changes().getFirst().row();
        ArtifactRow handed = new ArtifactRow(row.collection(), row.id(), metadata("skill:a", "as handed over"),
                row.syncedAt(), row.updatedAt(), row.seq(), false);

        mirror.applySoon(new Written(written.after(), written.last(), List.of(new ArtifactChange(handed, false)), null));
        mirror.catchUp();

        assertEquals("as handed over", description("skill:a"));
        assertEquals(written.last(), mirror.appliedSeq());
    }

    @Test
    void aWriteTheDatabaseGaveAlreadyIsNotAppliedAgain() {
        Written first = write(List.of(insert("skill:a", "first a")), T0);
        store.write(changes(List.of(update("skill:a", "second a")), T1));
        mirror.catchUp(); // reads both writes from the database

        mirror.applySoon(first);
        mirror.catchUp();

        assertEquals("second a", description("skill:a"));
        assertEquals(1, index.documentCount());
    }

    @Test
    void aSingleWriteIsVisibleAsHandedWhenApplyReturns() {
        mirror.apply(write(List.of(insert("skill:a", "first a")), T0));
        Written written = write(List.of(update("skill:a", "in the database")), T1);
        ArtifactRow row = written.changes().getFirst().row();
        ArtifactRow handed = new ArtifactRow(row.collection(), row.id(), metadata("skill:a", "as handed over"),
                row.syncedAt(), row.updatedAt(), row.seq(), false);

        mirror.apply(new Written(written.after(), written.last(), List.of(new ArtifactChange(handed, true)), null));

        assertEquals("as handed over", description("skill:a")); // not read back from the database
        assertEquals(1, index.documentCount());
        assertEquals(written.last(), mirror.appliedSeq());
    }

    @Test
    void aSingleWriteAfterAnotherWritersChangeAppliesThatChangeFromTheDatabaseFirst() {
        mirror.apply(write(List.of(insert("skill:a", "first a"), insert("skill:b", "first b")), T0));
        // Another node's write: committed, never handed over.
        store.write(changes(List.of(update("skill:a", "edited elsewhere"), tombstone("skill:b")), T1));
        Written single = write(List.of(insert("skill:c", "single c")), T1);

        mirror.apply(single);

        assertEquals(single.last(), mirror.appliedSeq());
        assertEquals("edited elsewhere", description("skill:a"));
        assertTrue(index.get("default", "skill:b").isEmpty());
        assertEquals("single c", description("skill:c"));
        assertEquals(2, index.documentCount());
    }

    @Test
    void aWriteHandedOverAcrossARebuildThatReadItsRowsIsNotAddedTwice() throws IOException {
        mirror.apply(write(List.of(insert("skill:a", "first a"), insert("skill:b", "first b")), T0));
        long seq = mirror.appliedSeq();
        index.apply(List.of(new ArtifactRow("default", "skill:a", null, T1, T1, seq, true))); // drift: a document lost
        ReplicaState db = store.replicaState();
        // A sync commits a new artifact after the check asked the database, and hands it over while the
        // check holds the mirror: the rebuild reads its row, then the handed write follows on from seq.
        Written single = write(List.of(insert("skill:c", "single c")), T1);
        synchronized (mirror) {
            mirror.applySoon(single);
            assertTrue(mirror.verifyAt(db));
        }
        mirror.catchUp();

        assertEquals(3, index.documentCount());
        assertEquals(single.last(), mirror.appliedSeq());
        assertEquals(List.of("skill:a", "skill:b", "skill:c"), index.search(SearchRequest.builder().build()).items().stream()
                .map(ArtifactRow::id).sorted().toList());
    }

    @Test
    void aMergeAfterTheLastCommitIsCommittedWithNoRowApplied() throws IOException {
        mirror.apply(write(List.of(insert("skill:a", "first a")), T0));
        mirror.apply(write(List.of(insert("skill:b", "first b")), T0));
        mirror.commit(); // a periodic commit, taken before the merge is done

        mirror.compact();
        mirror.commit();

        assertEquals(1, committedSegments());
    }

    @Test
    void aWriteIsCommittedOnceTheWritesPause() throws IOException {
        nanos.set(Duration.ofSeconds(10).toNanos());
        mirror.apply(write(List.of(insert("skill:a", "first a")), T0));

        nanos.addAndGet(IndexMirror.COMMIT_WHEN_QUIET.toNanos() - 1);
        mirror.commitWhenDue();
        assertEquals(0, committedSeq());

        nanos.addAndGet(1);
        mirror.commitWhenDue();
        assertEquals(mirror.appliedSeq(), committedSeq());
    }

    @Test
    void whileWritesKeepComingTheIndexIsCommittedEvery30Seconds() throws IOException {
        mirror.apply(write(List.of(insert("skill:a", "edit 0")), T0));
        long step = IndexMirror.COMMIT_WHEN_QUIET.toNanos() / 2;
        long edits = 0;
        for (long at = step; at < IndexMirror.COMMIT_AT_LEAST_EVERY.toNanos(); at += step) {
            nanos.set(at);
            mirror.apply(write(List.of(update("skill:a", "edit " + ++edits)), T1));
            mirror.commitWhenDue();
        }
        assertEquals(59, edits);
        assertEquals(0, committedSeq());

        nanos.set(IndexMirror.COMMIT_AT_LEAST_EVERY.toNanos());
        mirror.apply(write(List.of(update("skill:a", "edit 60")), T1));
        mirror.commitWhenDue();
        assertEquals(mirror.appliedSeq(), committedSeq());
        assertEquals(61, committedSeq());
    }

    /** The segments of the index's last commit: what a restart opens. */
    private int committedSegments() throws IOException {
        return latestCommit().size();
    }

    /** The applied seq recorded in the index's last commit: where a restart replays from. */
    private long committedSeq() throws IOException {
        return Long.parseLong(latestCommit().getUserData().get("applied_seq"));
    }

    private SegmentInfos latestCommit() throws IOException {
        try (Stream<Path> folders = Files.list(tmp.resolve("lucene")).filter(Files::isDirectory)) {
            Path generation = folders.reduce((a, b) -> {
                throw new AssertionError("more than one index generation: " + a + ", " + b);
            }).orElseThrow();
            try (Directory directory = FSDirectory.open(generation)) {
                return SegmentInfos.readLatestCommit(directory);
            }
        }
    }

    @Test
    void aPopulationOfManyChunksLeavesEveryDocumentEqualToItsRow() throws IOException {
        Path home = tmp.resolve("home");
        HomeGenerator.generate(home, new HomeGenerator.Spec(1_300, 42, 2));
        Settings settings = Settings.from(Config.just(ConfigSources.create(Map.of("cache.watch", "false"))),
                Map.of("SKILLMEAT_HOME", home.toString(), "ARTIFACT_CACHE_DATA", tmp.resolve("data").toString()));
        try (ArtifactCache cache = ArtifactCache.open(settings, new MutableClock(T0))) {
            cache.population().run();
            int rows = 0;
            for (String collection : cache.synchronizer().knownCollections()) {
                for (ArtifactRow row : cache.store().rows(collection).values()) {
                    assertEquals(row, cache.index().get(collection, row.id()).orElseThrow(), row.key());
                    rows++;
                }
            }
            assertEquals(1_300, rows);
            assertEquals(rows, cache.index().documentCount());
            assertEquals(cache.store().maxSeq(), cache.index().appliedSeq());
        }
    }

    private String description(String id) {
        return index.get("default", id).orElseThrow().metadata().description();
    }

    private Written write(List<ArtifactChange> changes, Instant at) {
        return store.writeChanges("default", rows -> changes(changes, at));
    }

    private static ChangeSet changes(List<ArtifactChange> changes, Instant at) {
        return new ChangeSet("default", changes, List.of(), at, new CollectionState("default", null, at));
    }

    private static ArtifactChange insert(String id, String description) {
        return new ArtifactChange(new ArtifactRow("default", id, metadata(id, description), T0, T0, 0, false), false);
    }

    private static ArtifactChange update(String id, String description) {
        return new ArtifactChange(new ArtifactRow("default", id, metadata(id, description), T1, T1, 0, false), true);
    }

    private static ArtifactChange tombstone(String id) {
        return new ArtifactChange(new ArtifactRow("default", id, null, T1, T1, 0, true), true);
    }

    private static ArtifactMetadata metadata(String id, String description) {
        return new ArtifactMetadata("default", ArtifactId.parse(id), "Title", null, "local", null, null, null, null,
                null, description, null, null, List.of("pdf"), List.of("Read"), null, null, false, null);
    }
}
