package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening, writing, committing, recovering and rebuilding the index on a real directory. */
class ArtifactIndexLifecycleTest {

    @TempDir
    Path dir;

    private Path folder() {
        return dir.resolve("lucene");
    }

    private static List<ArtifactRow> rows(int count, long firstSeq) {
        List<ArtifactRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Rows.simple(i % 3 == 0 ? "team" : "default", "skill:s" + i, firstSeq + i));
        }
        return rows;
    }

    @Test
    void aWordsMatchesKeptAcrossWritesLeaveOutDeletedAndReplacedDocuments() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.rebuild(rows(30, 1).iterator(), 30);
            SearchRequest about = SearchRequest.builder().q("about").limit(100).build();
            assertEquals(30, index.search(about).totalCount()); // gathers the word's matches in the rebuilt segment
            index.apply(List.of(Rows.tombstone("default", "skill:s1", 31), Rows.simple("default", "skill:s2", 32)));
            SearchResult after = index.search(about);
            assertEquals(29, after.totalCount());
            assertEquals(29, after.items().size());
            assertTrue(after.items().stream().noneMatch(row -> row.id().equals("skill:s1")));
            assertEquals(1, after.items().stream().filter(row -> row.id().equals("skill:s2")).count());
        }
    }

    @Test
    void compactLeavesOneSegmentThatSearchesTheSame() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.apply(rows(20, 1));
            index.apply(List.of(Rows.tombstone("default", "skill:s1", 21), Rows.simple("default", "skill:s2", 22)));
            index.apply(List.of(Rows.simple("team", "skill:new", 23)));
            SearchRequest about = SearchRequest.builder().q("about").facets(true).limit(100).build();
            SearchResult before = index.search(about);
            assertEquals(3, segments(index));

            index.compact();

            assertEquals(1, segments(index));
            SearchResult after = index.search(about);
            assertEquals(20, after.totalCount());
            assertEquals(before.items().stream().map(ArtifactRow::key).toList(), after.items().stream().map(ArtifactRow::key).toList());
            assertEquals(before.facets().asMap(), after.facets().asMap());
            assertEquals(20, index.documentCount());
            assertEquals(23, index.appliedSeq());
        }
    }

    private static int segments(ArtifactIndex index) {
        return index.withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    @Test
    void collectionsHoldingAndUserCollectionCountsInOneWalk() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.useMemberships(key -> key.endsWith("s1") || key.equals("team/skill:s3") ? List.of("favs") : List.of());
            index.apply(List.of(Rows.simple("default", "skill:s1", 1), Rows.simple("team", "skill:s1", 2),
                    Rows.simple("team", "skill:s3", 3), Rows.simple("default", "skill:s4", 4)));
            index.touch(List.of("team/skill:s3"), Rows.T0.minusSeconds(600), 5);
            index.apply(List.of(Rows.tombstone("default", "skill:s4", 6), Rows.simple("archive", "skill:s3", 7)));
            index.apply(List.of(Rows.tombstone("archive", "skill:s3", 8))); // its key stays in a segment, deleted
            List<ArtifactRow> items = List.of(index.get("team", "skill:s1").orElseThrow(), index.get("team", "skill:s3").orElseThrow());
            assertEquals(Map.of("skill:s1", List.of("default", "team"), "skill:s3", List.of("team")), index.collectionsHolding(items));
            assertEquals(Map.of("favs", new CollectionCount("favs", 3, 1), "empty", new CollectionCount("empty", 0, 0)),
                    index.userCollectionCounts(List.of("favs", "empty"), Rows.T0.minusSeconds(60)));
        }
    }

    @Test
    void withOneCollectionLeftEachItemIsHeldByItsOwn() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.apply(List.of(Rows.simple("default", "skill:s1", 1), Rows.simple("default", "agent:s2", 2),
                    Rows.simple("team", "skill:s1", 3)));
            List<ArtifactRow> items = List.of(index.get("default", "skill:s1").orElseThrow(), index.get("default", "agent:s2").orElseThrow());
            assertEquals(Map.of("skill:s1", List.of("default", "team"), "agent:s2", List.of("default")), index.collectionsHolding(items));

            index.apply(List.of(Rows.tombstone("team", "skill:s1", 4))); // "team" has no live document now
            assertEquals(Map.of("skill:s1", List.of("default"), "agent:s2", List.of("default")), index.collectionsHolding(items));
            assertEquals(Map.of(), index.collectionsHolding(List.of()));
        }
    }

    @Test
    void applyUpsertsAndDeletesByKey() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.apply(List.of(Rows.simple("default", "skill:a", 1), Rows.simple("default", "agent:b", 2),
                    Rows.simple("team", "skill:a", 3)));
            assertEquals(3, index.documentCount());
            assertEquals(3, index.appliedSeq());
            assertEquals("about a", index.get("default", "skill:a").orElseThrow().metadata().description());

            ArtifactRow changed = Rows.row("default", ArtifactType.SKILL, "a", "Title", "changed", List.of("t"), List.of("Read"),
                    "github", Rows.T0, Rows.T0.plusSeconds(5), 7);
            index.apply(List.of(changed, Rows.tombstone("default", "agent:b", 6)));
            assertEquals(2, index.documentCount());
            assertEquals(changed, index.get("default", "skill:a").orElseThrow());
            assertTrue(index.get("default", "agent:b").isEmpty());
            assertTrue(index.get("team", "skill:a").isPresent(), "keys are per collection");
            assertEquals(7, index.appliedSeq());
            assertEquals(1, index.search(SearchRequest.builder().q("changed").build()).totalCount());
            assertEquals(0, index.search(SearchRequest.builder().q("about a").collections("default").build()).totalCount());
        }
    }

    @Test
    void applyUsesSeqOrderWithinABatch() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.apply(List.of(Rows.tombstone("default", "skill:a", 9), Rows.simple("default", "skill:a", 8)));
            assertTrue(index.get("default", "skill:a").isEmpty(), "the tombstone (seq 9) comes after the upsert (seq 8)");
            assertEquals(9, index.appliedSeq());
        }
    }

    @Test
    void aLiveRowWithoutMetadataIsRejectedAndNothingIsApplied() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            ArtifactRow broken = new ArtifactRow("default", "skill:x", null, Rows.T0, Rows.T0, 2, false);
            assertThrows(IllegalArgumentException.class, () -> index.apply(List.of(Rows.simple("default", "skill:a", 1), broken)));
            assertEquals(0, index.documentCount());
            assertEquals(0, index.appliedSeq());
        }
    }

    @Test
    void appliedSeqSurvivesCommitAndReopen() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.apply(rows(10, 1));
            index.commit();
            index.apply(List.of(Rows.simple("default", "skill:late", 50)));
            // close commits too: a clean restart needs no replay
        }
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            assertFalse(index.needsRebuild());
            assertEquals(50, index.appliedSeq());
            assertEquals(11, index.documentCount());
        }
    }

    @Test
    void uncommittedChangesAreLostOnCrashButTheSeqSaysSo() throws Exception {
        ArtifactIndex index = ArtifactIndex.open(folder());
        index.apply(rows(5, 1));
        index.commit();
        index.apply(List.of(Rows.simple("default", "skill:late", 50)));
        simulateCrash(index);
        try (ArtifactIndex reopened = ArtifactIndex.open(folder())) {
            assertEquals(5, reopened.appliedSeq(), "replay starts after the last commit");
            assertEquals(5, reopened.documentCount());
        }
    }

    /** Drops the index without committing, like a killed process (the write lock is released so the test can reopen). */
    private static void simulateCrash(ArtifactIndex index) throws Exception {
        Field current = ArtifactIndex.class.getDeclaredField("current");
        current.setAccessible(true);
        ((IndexGeneration) current.get(index)).close();
    }

    @Test
    void aMissingIndexNeedsRebuildAndRebuildRestoresIt() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            assertTrue(index.needsRebuild());
            assertEquals(0, index.appliedSeq());
            assertEquals(0, index.documentCount());
            List<ArtifactRow> rows = new ArrayList<>(rows(20, 1));
            rows.add(Rows.tombstone("default", "skill:gone", 21));
            index.rebuild(rows.iterator(), 42);
            assertFalse(index.needsRebuild());
            assertEquals(42, index.appliedSeq());
            assertEquals(20, index.documentCount());
            assertEquals(List.of(new CollectionCount("default", 13, 0), new CollectionCount("team", 7, 0)),
                    index.collections(Rows.T0));
        }
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            assertFalse(index.needsRebuild());
            assertEquals(42, index.appliedSeq());
            assertEquals(20, index.documentCount());
        }
    }

    @Test
    void aCorruptIndexNeedsRebuild() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.rebuild(rows(30, 1).iterator(), 30);
        }
        Path generation = onlyGeneration();
        try (Stream<Path> files = Files.list(generation)) {
            for (Path file : files.toList()) {
                Files.write(file, "garbage, not a Lucene file".repeat(50).getBytes());
            }
        }
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            assertTrue(index.needsRebuild());
            assertEquals(0, index.documentCount());
            assertEquals(0, index.appliedSeq());
            index.rebuild(rows(30, 1).iterator(), 30);
            assertEquals(30, index.documentCount());
            assertFalse(index.needsRebuild());
        }
        assertFalse(Files.exists(generation), "the corrupt generation is deleted");
    }

    @Test
    void aGarbagePointerNeedsRebuild() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.rebuild(rows(3, 1).iterator(), 3);
        }
        Files.writeString(folder().resolve(IndexFolder.POINTER), "../../etc");
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            assertTrue(index.needsRebuild());
            assertEquals(0, index.documentCount());
        }
    }

    @Test
    void anotherSchemaVersionNeedsRebuild() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.rebuild(rows(3, 1).iterator(), 3);
        }
        try (FSDirectory directory = FSDirectory.open(onlyGeneration());
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND)
                     .setIndexSort(SortFields.INDEX))) {
            writer.setLiveCommitData(Map.of(IndexGeneration.SCHEMA, "0", IndexGeneration.APPLIED_SEQ, "3").entrySet());
            writer.commit();
        }
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            assertTrue(index.needsRebuild());
            assertEquals(0, index.documentCount());
        }
    }

    @Test
    void anIndexInUseByAnotherProcessIsNotTouched() throws Exception {
        try (ArtifactIndex first = ArtifactIndex.open(folder())) {
            first.rebuild(rows(4, 1).iterator(), 4);
            assertThrows(LockObtainFailedException.class, () -> ArtifactIndex.open(folder()));
            assertEquals(4, first.documentCount());
        }
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            assertFalse(index.needsRebuild());
            assertEquals(4, index.documentCount());
        }
    }

    @Test
    void rebuildSwapsInAFreshGenerationAndDeletesTheOld() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.apply(rows(5, 1));
            Path before = onlyGeneration();
            index.rebuild(rows(8, 1).iterator(), 8);
            Path after = onlyGeneration();
            assertFalse(before.equals(after));
            assertEquals(8, index.documentCount());
            assertEquals(after.getFileName().toString(),
                    Files.readString(folder().resolve(IndexFolder.POINTER)).strip());
            index.apply(List.of(Rows.simple("default", "skill:new", 9)));
            assertEquals(9, index.documentCount(), "writes go to the new generation");
        }
    }

    @Test
    void searchesDuringRebuildsNeverFail() throws Exception {
        List<ArtifactRow> small = rows(300, 1);
        List<ArtifactRow> large = rows(1500, 1);
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.rebuild(small.iterator(), 300);
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger searches = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Set<Long> allowedTotals = Set.of(300L, 1500L);
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int flavour = t;
                Thread reader = new Thread(() -> {
                    while (!done.get()) {
                        try {
                            SearchRequest request = switch (flavour) {
                                case 0 -> SearchRequest.builder().facets(true).build();
                                case 1 -> SearchRequest.builder().q("about").limit(50).build();
                                default -> SearchRequest.builder().sort(SortOrder.UPDATED_DESC).highlight(true).q("s1").build();
                            };
                            SearchResult result = index.search(request);
                            if (flavour == 0 && !allowedTotals.contains(result.totalCount())) {
                                throw new AssertionError("total " + result.totalCount());
                            }
                            index.get("default", "skill:s1");
                            index.collections(Rows.T0);
                            searches.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                });
                reader.start();
                readers.add(reader);
            }
            for (int round = 0; round < 6; round++) {
                index.rebuild((round % 2 == 0 ? large : small).iterator(), 1000 + round);
            }
            done.set(true);
            for (Thread reader : readers) {
                reader.join();
            }
            assertTrue(failures.isEmpty(), () -> "search failed during a rebuild: " + failures.peek());
            assertTrue(searches.get() > 0);
            assertEquals(300, index.documentCount());
            assertEquals(1005, index.appliedSeq());
        }
    }

    @Test
    void touchMovesSyncedAtAndStaleCounts() throws Exception {
        Instant old = Rows.T0.minusSeconds(7200);
        Instant staleBefore = Rows.T0.minusSeconds(3600);
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            List<ArtifactRow> rows = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                rows.add(Rows.row(i < 4 ? "default" : "team", ArtifactType.SKILL, "s" + i, null, "d", List.of(), List.of(), "local",
                        old, old, i + 1));
            }
            index.apply(rows);
            assertEquals(new Freshness(6, 6, old), index.freshness(null, staleBefore));
            assertEquals(List.of(new CollectionCount("default", 4, 4), new CollectionCount("team", 2, 2)),
                    index.collections(staleBefore));

            index.touch(List.of("default/skill:s0", "default/skill:s1", "team/skill:s4", "nowhere/skill:x"), Rows.T0);
            assertEquals(new Freshness(6, 3, old), index.freshness(null, staleBefore));
            assertEquals(new Freshness(4, 2, old), index.freshness("default", staleBefore));
            assertEquals(new Freshness(2, 1, old), index.freshness("team", staleBefore));
            assertEquals(new Freshness(0, 0, null), index.freshness("none", staleBefore));
            assertEquals(List.of(new CollectionCount("default", 4, 2), new CollectionCount("team", 2, 1)),
                    index.collections(staleBefore));
            assertEquals(Rows.T0, index.get("default", "skill:s0").orElseThrow().syncedAt());
            assertEquals(old, index.get("default", "skill:s0").orElseThrow().updatedAt(), "touch moves only synced_at");
            assertEquals(3, index.search(SearchRequest.builder().stale(true, staleBefore).build()).totalCount());
            assertEquals(3, index.search(SearchRequest.builder().stale(false, staleBefore).build()).totalCount());
            assertEquals(0, index.appliedSeq() - 6, "touch does not change the applied seq");
        }
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            assertEquals(new Freshness(6, 3, old), index.freshness(null, staleBefore), "touches are committed on close");
        }
    }

    /** Rewritten and deleted documents stay in their old segment, hidden: freshness must not count them. */
    @Test
    void freshnessIgnoresRewrittenAndDeletedDocuments() throws Exception {
        Instant staleBefore = Rows.T0.minusSeconds(3600);
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            List<ArtifactRow> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Instant synced = Rows.T0.minusSeconds(i < 2 ? 9000 : 8000 - i * 1000L); // s0 and s1 oldest, equal
                rows.add(Rows.row(i < 4 ? "default" : "team", ArtifactType.SKILL, "s" + i, null, "d", List.of(), List.of(), "local",
                        synced, synced, i + 1));
            }
            index.apply(rows);
            assertEquals(new Freshness(5, 5, Rows.T0.minusSeconds(9000)), index.freshness(null, staleBefore));

            index.touch(List.of("default/skill:s0"), Rows.T0);
            assertEquals(new Freshness(5, 4, Rows.T0.minusSeconds(9000)), index.freshness(null, staleBefore), "s1 is as old");
            index.touch(List.of("default/skill:s1"), Rows.T0);
            assertEquals(new Freshness(4, 2, Rows.T0.minusSeconds(6000)), index.freshness("default", staleBefore));
            assertEquals(new Freshness(1, 1, Rows.T0.minusSeconds(4000)), index.freshness("team", staleBefore));

            index.apply(List.of(Rows.tombstone("team", "skill:s4", 6)));
            assertEquals(new Freshness(4, 2, Rows.T0.minusSeconds(6000)), index.freshness(null, staleBefore));
            assertEquals(new Freshness(0, 0, null), index.freshness("team", staleBefore));
            assertEquals(List.of(new CollectionCount("default", 4, 2)), index.collections(staleBefore));
        }
    }

    @Test
    void aDocumentWrittenAfterATouchKeepsItsOwnSyncedAt() throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(folder())) {
            index.apply(List.of(Rows.simple("default", "skill:a", 1)));
            index.touch(List.of("default/skill:a"), Rows.T0.plusSeconds(10));
            ArtifactRow rewritten = Rows.row("default", ArtifactType.SKILL, "a", null, "new", List.of(), List.of(), "local",
                    Rows.T0.plusSeconds(20), Rows.T0.plusSeconds(20), 2);
            index.apply(List.of(rewritten));
            assertEquals(rewritten, index.get("default", "skill:a").orElseThrow());
        }
    }

    @Test
    void closedIndexRefusesWrites() throws Exception {
        ArtifactIndex index = ArtifactIndex.open(folder());
        index.close();
        index.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> index.apply(List.of(Rows.simple("default", "skill:a", 1))));
        assertThrows(IllegalStateException.class, () -> index.search(SearchRequest.builder().build()));
    }

    private Path onlyGeneration() throws IOException {
        try (Stream<Path> children = Files.list(folder())) {
            List<Path> generations = children.filter(p -> p.getFileName().toString().startsWith("gen-")).toList();
            assertEquals(1, generations.size(), generations.toString());
            return generations.get(0);
        }
    }
}
