package dev.artifactcache.sync;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.index.ArtifactIndex;
import dev.artifactcache.index.MatchMode;
import dev.artifactcache.index.SearchRequest;
import dev.artifactcache.index.SearchResult;
import dev.artifactcache.store.ArtifactRow;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Syncs many artifacts through the one write path: whole collections, chosen ids across
 * collections, or the artifacts a filter picks from the index. The batch routes, the refresher and
 * the stale-while-revalidate queue all come through here. Letting the index choose the ids is
 * fine for a write: each chosen artifact is still re-read from its files.
 */
public final class BatchSync {

    private static final Logger LOG = Logger.getLogger(BatchSync.class.getName());
    private final List<Consumer<BatchReport>> listeners = new CopyOnWriteArrayList<>();

    private final Synchronizer synchronizer;
    private final ArtifactIndex index;

    public BatchSync(Synchronizer synchronizer, ArtifactIndex index) {
        this.synchronizer = synchronizer;
        this.index = index;
    }

    /** Each collection in full: new artifacts created, gone ones deleted, a collection gone from disk removed. */
    public BatchReport collections(List<String> collections) {
        return collections(collections, BatchProgress.IGNORED);
    }

    private BatchReport collections(List<String> collections, Consumer<BatchProgress> progress) {
        return run(collections.stream().map(collection -> new Step(collection, Selection.ALL)).toList(), progress);
    }

    /** Just these artifacts, one sync per collection. */
    public BatchReport artifacts(Map<String, List<ArtifactId>> byCollection) {
        return artifacts(byCollection, BatchProgress.IGNORED);
    }

    private BatchReport artifacts(Map<String, List<ArtifactId>> byCollection, Consumer<BatchProgress> progress) {
        return run(byCollection.entrySet().stream()
                .map(entry -> new Step(entry.getKey(), Selection.of(entry.getValue())))
                .toList(), progress);
    }

    /**
     * The artifacts {@code filter} picks. Without type, tag or staleness filters no index is
     * needed: whole collections are synced, or the ids as given. Ids given without a collection
     * are synced wherever the index has them, and in the active collection when it has them
     * nowhere (so a new artifact can be added this way).
     *
     * @param staleBefore the staleness cut-off for {@link RefreshFilter#staleOnly()}
     */
    public BatchReport matching(RefreshFilter filter, Instant staleBefore) throws IOException {
        return matching(filter, staleBefore, BatchProgress.IGNORED);
    }

    /**
     * {@link #matching(RefreshFilter, Instant)}, telling {@code progress} before the first step,
     * after each chunk a step writes and after each step (a step syncs one collection, in full or
     * the chosen artifacts of it).
     */
    public BatchReport matching(RefreshFilter filter, Instant staleBefore, Consumer<BatchProgress> progress)
            throws IOException {
        if (!filter.needsIndex()) {
            if (filter.ids().isEmpty()) {
                return collections(filter.collection() == null ? synchronizer.knownCollections()
                        : List.of(filter.collection()), progress);
            }
            return artifacts(filter.collection() == null ? locate(filter.ids())
                    : Map.of(filter.collection(), filter.ids()), progress);
        }
        SearchRequest request = SearchRequest.builder()
                .collections(filter.collection() == null ? List.of() : List.of(filter.collection()))
                .types(filter.types())
                .tags(MatchMode.ANY, filter.tags())
                .stale(filter.staleOnly() ? Boolean.TRUE : null, staleBefore)
                .limit(SearchRequest.MAX_LIMIT)
                .build();
        Set<String> wanted = filter.ids().stream().map(ArtifactId::toString).collect(Collectors.toSet());
        List<ArtifactRef> picked = new ArrayList<>();
        forEachPage(request, page -> page.stream()
                .filter(row -> wanted.isEmpty() || wanted.contains(row.id()))
                .forEach(row -> picked.add(ArtifactRef.of(row))));
        return artifacts(byCollection(picked), progress);
    }

    /**
     * Walks every page of {@code request} with its cursor. The cursor holds sort values, so rows
     * synced (and so changed) between two pages never make the walk skip or repeat one.
     */
    void forEachPage(SearchRequest request, Consumer<List<ArtifactRow>> page) {
        String after = null;
        do {
            SearchResult result = index.search(request.withAfter(after));
            if (result.items().isEmpty()) {
                return;
            }
            page.accept(result.items());
            after = result.hasNext() ? result.endCursor() : null;
        } while (after != null);
    }

    /** Groups artifacts by collection, keeping the order in which collections first appear. */
    static Map<String, List<ArtifactId>> byCollection(Collection<ArtifactRef> refs) {
        Map<String, List<ArtifactId>> grouped = new LinkedHashMap<>();
        refs.forEach(ref -> grouped.computeIfAbsent(ref.collection(), c -> new ArrayList<>()).add(ArtifactId.parse(ref.id())));
        return grouped;
    }

    private Map<String, List<ArtifactId>> locate(List<ArtifactId> ids) throws IOException {
        List<String> collections = synchronizer.knownCollections();
        List<ArtifactRef> found = new ArrayList<>();
        for (ArtifactId id : ids) {
            List<ArtifactRef> in = collections.stream()
                    .filter(collection -> index.get(collection, id.toString()).isPresent())
                    .map(collection -> new ArtifactRef(collection, id.toString()))
                    .toList();
            found.addAll(in.isEmpty() ? List.of(new ArtifactRef(synchronizer.activeCollection(), id.toString())) : in);
        }
        return byCollection(found);
    }

    /** Calls {@code listener} with the report of every batch, on the syncing thread. */
    public void onReport(Consumer<BatchReport> listener) {
        listeners.add(listener);
    }

    private BatchReport run(List<Step> steps, Consumer<BatchProgress> progress) {
        long started = System.nanoTime();
        List<SyncReport> reports = new ArrayList<>(steps.size());
        Plan plan = new Plan(steps.stream()
                .mapToInt(step -> synchronizer.plannedSize(step.collection(), step.selection())).toArray());
        progress.accept(plan.start());
        for (int i = 0; i < steps.size(); i++) {
            int current = i;
            SyncReport report = synchronizer.sync(steps.get(i).collection(), steps.get(i).selection(),
                    inStep -> progress.accept(plan.inStep(current, inStep)));
            reports.add(report);
            progress.accept(plan.stepDone(current, report.scanned()));
        }
        BatchReport report = new BatchReport(reports, Duration.ofNanos(System.nanoTime() - started));
        LOG.info(() -> "event=refresh_batch collections=" + reports.size() + " scanned=" + report.scanned() + " "
                + SyncLog.counts(report.counts()) + " ms=" + report.took().toMillis());
        listeners.forEach(listener -> listener.accept(report));
        return report;
    }

    /** One sync of a batch. */
    private record Step(String collection, Selection selection) {
    }

    /**
     * The numbers of a batch's progress: each step's planned size, and the artifacts the finished
     * steps looked at. A step that finds more than planned raises the total as it goes; a finished
     * step counts with its real number, so the last total is exact.
     */
    private static final class Plan {
        private final int[] planned;
        private int scanned;

        Plan(int[] planned) {
            this.planned = planned;
        }

        BatchProgress start() {
            return new BatchProgress(0, plannedFrom(0), 0, planned.length);
        }

        /** Step {@code step} has looked at {@code inStep} artifacts so far. */
        BatchProgress inStep(int step, int inStep) {
            int total = scanned + Math.max(planned[step], inStep) + plannedFrom(step + 1);
            return new BatchProgress(scanned + inStep, total, step, planned.length);
        }

        /** Step {@code step} is finished, having looked at {@code stepScanned} artifacts. */
        BatchProgress stepDone(int step, int stepScanned) {
            scanned += stepScanned;
            return new BatchProgress(scanned, scanned + plannedFrom(step + 1), step + 1, planned.length);
        }

        private int plannedFrom(int step) {
            return Arrays.stream(planned, step, planned.length).sum();
        }
    }
}
