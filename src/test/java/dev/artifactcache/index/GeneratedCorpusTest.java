package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.store.ArtifactRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ten thousand generated rows: counts, facets, orders and freshness checked against brute force. */
class GeneratedCorpusTest {

    private static final Instant STALE_BEFORE = Rows.T0.minusSeconds(3600);

    @TempDir
    static Path dir;
    private static GeneratedCorpus corpus;
    private static List<ArtifactRow> rows;
    private static ArtifactIndex index;

    @BeforeAll
    static void build() throws Exception {
        corpus = new GeneratedCorpus(7);
        rows = corpus.rows(10_000);
        // Ties on updated_at (across segments too, with the live writes below): the key decides.
        for (int i = 0; i < rows.size(); i += 97) {
            ArtifactRow row = rows.get(i);
            rows.set(i, new ArtifactRow(row.collection(), row.id(), row.metadata(), row.syncedAt(), Rows.T0.minusSeconds(86_400),
                    row.seq(), false));
        }
        index = ArtifactIndex.open(dir.resolve("lucene"));
        index.rebuild(rows.iterator(), rows.size());
        // Some live writes too, so the index has several segments and deleted documents.
        List<ArtifactRow> changed = new ArrayList<>();
        for (int i = 0; i < 300; i += 3) {
            ArtifactRow row = rows.get(i);
            changed.add(new ArtifactRow(row.collection(), row.id(), row.metadata(), row.syncedAt(), row.updatedAt(),
                    rows.size() + i, false));
        }
        index.apply(changed);
        // A touch after searches have read the segments' facet values: a doc-values update in place.
        index.search(SearchRequest.builder().facets(true).types(ArtifactType.SKILL).build());
        List<String> touched = new ArrayList<>();
        for (int i = 1; i < 3000; i += 7) {
            ArtifactRow row = rows.get(i);
            rows.set(i, new ArtifactRow(row.collection(), row.id(), row.metadata(), Rows.T0, row.updatedAt(), row.seq(), false));
            touched.add(row.key());
        }
        index.touch(touched, Rows.T0);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    // ---- brute force ----

    private static Predicate<ArtifactRow> matching(SearchRequest request, FacetDimension ignored) {
        return row -> {
            var m = row.metadata();
            if (!request.collections().isEmpty() && !request.collections().contains(row.collection())) {
                return false;
            }
            if (request.stale() != null && request.stale() != row.syncedAt().isBefore(request.staleBefore())) {
                return false;
            }
            if (ignored != FacetDimension.TYPE && !request.types().isEmpty() && !request.types().contains(m.type())) {
                return false;
            }
            if (ignored != FacetDimension.ORIGIN && !request.origins().isEmpty() && !request.origins().contains(m.origin())) {
                return false;
            }
            // An All-mode selection counts "what adding a value gives": its own filter stays.
            if ((ignored != FacetDimension.TAGS || request.tagMode() == MatchMode.ALL) && !selects(request.tags(), request.tagMode(), m.tags())) {
                return false;
            }
            return ignored == FacetDimension.TOOLS && request.toolMode() == MatchMode.ANY
                    || selects(request.tools(), request.toolMode(), m.tools());
        };
    }

    private static boolean selects(List<String> selected, MatchMode mode, List<String> values) {
        if (selected.isEmpty()) {
            return true;
        }
        return mode == MatchMode.ALL ? values.containsAll(selected) : selected.stream().anyMatch(values::contains);
    }

    private static Function<ArtifactRow, List<String>> values(FacetDimension dimension) {
        return switch (dimension) {
            case TYPE -> r -> List.of(r.metadata().type().wire());
            case TAGS -> r -> r.metadata().tags();
            case TOOLS -> r -> r.metadata().tools();
            case ORIGIN -> r -> List.of(r.metadata().origin());
            case COLLECTION -> r -> List.of(r.collection());
        };
    }

    private static Map<String, Long> expectedCounts(SearchRequest request, FacetDimension dimension,
                                                    Function<ArtifactRow, List<String>> values, List<String> selected, int topN) {
        return expectedCounts(request, rows, dimension, values, selected, topN);
    }

    /** Over the rows of {@code scope} only (e.g. those a text matches). */
    private static Map<String, Long> expectedCounts(SearchRequest request, List<ArtifactRow> scope, FacetDimension dimension,
                                                    Function<ArtifactRow, List<String>> values, List<String> selected, int topN) {
        Map<String, Long> counts = new HashMap<>();
        scope.stream().filter(matching(request, dimension))
                .forEach(row -> values.apply(row).forEach(v -> counts.merge(v, 1L, Long::sum)));
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> top = new LinkedHashMap<>();
        entries.stream().limit(topN).forEach(e -> top.put(e.getKey(), e.getValue()));
        selected.forEach(v -> top.putIfAbsent(v, counts.getOrDefault(v, 0L)));
        List<Map.Entry<String, Long>> ordered = new ArrayList<>(top.entrySet());
        ordered.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> result = new LinkedHashMap<>();
        ordered.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private static FacetCounts expectedFacets(SearchRequest request) {
        return expectedFacets(request, rows);
    }

    private static FacetCounts expectedFacets(SearchRequest request, List<ArtifactRow> scope) {
        Map<FacetDimension, Map<String, Long>> counts = new HashMap<>();
        for (FacetDimension dimension : FacetDimension.SEARCHABLE) {
            counts.put(dimension, expectedCounts(request, scope, dimension, values(dimension),
                    FacetCounter.selected(request, dimension), dimension.topN()));
        }
        return new FacetCounts(counts.get(FacetDimension.TYPE), counts.get(FacetDimension.TAGS),
                counts.get(FacetDimension.TOOLS), counts.get(FacetDimension.ORIGIN));
    }

    private static SearchRequest.Builder randomFilters(Random random) {
        SearchRequest.Builder builder = SearchRequest.builder();
        builder.collections(pick(random, GeneratedCorpus.COLLECTIONS, random.nextInt(3)));
        builder.types(pick(random, List.of(ArtifactType.values()), random.nextInt(3)));
        builder.tags(random.nextBoolean() ? MatchMode.ANY : MatchMode.ALL, pick(random, corpus.tags.subList(0, 25), random.nextInt(4)));
        builder.tools(random.nextBoolean() ? MatchMode.ANY : MatchMode.ALL, pick(random, GeneratedCorpus.TOOLS.subList(0, 8), random.nextInt(3)));
        builder.origins(pick(random, GeneratedCorpus.ORIGINS, random.nextInt(3)));
        int stale = random.nextInt(4);
        builder.stale(stale == 0 ? Boolean.TRUE : stale == 1 ? Boolean.FALSE : null, STALE_BEFORE);
        return builder;
    }

    private static <T> List<T> pick(Random random, List<T> values, int count) {
        List<T> copy = new ArrayList<>(values);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, count);
    }

    // ---- checks ----

    @Test
    void totalsAndFacetsEqualBruteForce() {
        Random random = new Random(11);
        for (int i = 0; i < 60; i++) {
            SearchRequest request = randomFilters(random).facets(true).limit(5).build();
            SearchResult result = index.search(request);
            long expectedTotal = rows.stream().filter(matching(request, null)).count();
            assertEquals(expectedTotal, result.totalCount(), request.toString());
            assertEquals(expectedFacets(request).asMap().toString(), result.facets().asMap().toString(), request.toString());
            SearchResult withoutFacets = index.search(SearchRequest.builder().collections(request.collections())
                    .types(request.types()).tags(request.tagMode(), request.tags()).tools(request.toolMode(), request.tools())
                    .origins(request.origins()).stale(request.stale(), STALE_BEFORE).build());
            assertEquals(expectedTotal, withoutFacets.totalCount(), request.toString());
        }
    }

    /** The API's filter combinations: each filter absent or present, tags and tools in either mode, both freshness sides. */
    private static final int COMBINATIONS = 2 * 2 * 3 * 3 * 2 * 3;

    /** The filters of {@code combination} (0 to {@link #COMBINATIONS} - 1), with values drawn at random. */
    private static SearchRequest.Builder combination(int combination, Random random) {
        int rest = combination;
        SearchRequest.Builder builder = SearchRequest.builder();
        builder.collections(rest % 2 == 0 ? List.of() : pick(random, GeneratedCorpus.COLLECTIONS, 1 + random.nextInt(2)));
        rest /= 2;
        builder.types(rest % 2 == 0 ? List.of() : pick(random, List.of(ArtifactType.values()), 1 + random.nextInt(2)));
        rest /= 2;
        builder.tags(rest % 3 == 2 ? MatchMode.ALL : MatchMode.ANY, rest % 3 == 0 ? List.of() : pick(random, corpus.tags.subList(0, 25), 1 + random.nextInt(3)));
        rest /= 3;
        builder.tools(rest % 3 == 2 ? MatchMode.ALL : MatchMode.ANY, rest % 3 == 0 ? List.of() : pick(random, GeneratedCorpus.TOOLS.subList(0, 8), 1 + random.nextInt(2)));
        rest /= 3;
        builder.origins(rest % 2 == 0 ? List.of() : pick(random, GeneratedCorpus.ORIGINS, 1 + random.nextInt(2)));
        rest /= 2;
        return builder.stale(rest == 0 ? null : rest == 1, STALE_BEFORE);
    }

    /**
     * A search's total, facet counts (top values and selected ones, in order) and first page,
     * for every filter combination of the API, each without text and with a word (whose matches
     * the index gives: the brute force intersects them with the filters), in one of the four
     * field orders.
     */
    @Test
    void everyFilterCombinationWithOrWithoutTextEqualsBruteForce() {
        Random random = new Random(17);
        List<SortOrder> orders = List.of(SortOrder.NAME, SortOrder.NAME_DESC, SortOrder.UPDATED, SortOrder.UPDATED_DESC);
        int checked = 0;
        for (String q : new String[] {null, corpus.words.get(3)}) {
            Set<String> textMatches = q == null ? null : Set.copyOf(walk(SearchRequest.builder().q(q).sort(SortOrder.NAME).limit(1000).build()));
            assertTrue(q == null || textMatches.size() > 500, "a frequent word: " + q);
            for (int combination = 0; combination < COMBINATIONS; combination++) {
                SortOrder order = orders.get(random.nextInt(orders.size()));
                SearchRequest request = combination(combination, random).q(q).sort(order).facets(true).limit(7).build();
                Predicate<ArtifactRow> text = row -> textMatches == null || textMatches.contains(row.key());
                List<ArtifactRow> expected = rows.stream().filter(matching(request, null).and(text)).sorted(order(order)).toList();
                SearchResult result = index.search(request);
                String context = request.toString();
                assertEquals(expected.size(), result.totalCount(), context);
                assertEquals(expected.stream().limit(7).map(ArtifactRow::key).toList(),
                        result.items().stream().map(ArtifactRow::key).toList(), context);
                List<ArtifactRow> scope = rows.stream().filter(text).toList();
                assertEquals(expectedFacets(request, scope).asMap().toString(), result.facets().asMap().toString(), context);
                checked++;
            }
        }
        assertEquals(2 * COMBINATIONS, checked);
    }

    /**
     * Every value's count, by walking the hits and by bit sets, for every combination of the API's
     * filters, with values drawn at random.
     */
    @Test
    void everyValueCountByEitherMethodEqualsBruteForce() {
        Random random = new Random(13);
        int checked = 0;
        for (int combination = 0; combination < COMBINATIONS; combination++) {
            SearchRequest request = combination(combination, random).build();
            for (FacetDimension dimension : FacetDimension.SEARCHABLE) {
                Map<String, Long> expected = new HashMap<>(expectedCounts(request, dimension, values(dimension),
                        FacetCounter.selected(request, dimension), Integer.MAX_VALUE));
                String context = dimension + " " + request;
                assertEquals(expected, index.facetValues(request, dimension, FacetCounter.Method.WALK), context);
                assertEquals(expected, index.facetValues(request, dimension, FacetCounter.Method.BITSETS), context);
                assertEquals(expected, index.facetValues(request, dimension, FacetCounter.Method.KEPT), context);
                assertEquals(expected, index.facetValues(request, dimension, FacetCounter.Method.CHEAPEST), context);
                checked++;
            }
        }
        assertEquals(216 * 4, checked);
    }

    @Test
    void walksFollowTheBruteForceOrder() {
        Random random = new Random(12);
        for (SortOrder order : List.of(SortOrder.NAME, SortOrder.NAME_DESC, SortOrder.UPDATED, SortOrder.UPDATED_DESC)) {
            for (int i = 0; i < 4; i++) {
                SearchRequest first = randomFilters(random).sort(order).limit(1 + random.nextInt(150)).build();
                List<String> expected = rows.stream().filter(matching(first, null)).sorted(order(order)).map(ArtifactRow::key).toList();
                assertEquals(expected, walk(first), order + " " + first);
            }
        }
    }

    /**
     * Date-ordered pages by either way of finding a segment's candidates (walking the kept order,
     * ranking the hits), for hit sets from a few documents to all, to the last page.
     */
    @Test
    void dateOrdersByEitherMethodFollowTheBruteForceOrder() {
        Random random = new Random(19);
        List<SearchRequest.Builder> filters = List.of(SearchRequest.builder(),
                SearchRequest.builder().origins("marketplace"),
                SearchRequest.builder().types(ArtifactType.WORKFLOW, ArtifactType.COMPOSITE),
                SearchRequest.builder().tools(MatchMode.ALL, "Read", "Grep", "Glob"),
                SearchRequest.builder().q(corpus.words.get(3)).collections("default", "team"));
        for (SortOrder order : List.of(SortOrder.UPDATED, SortOrder.UPDATED_DESC)) {
            for (SearchRequest.Builder filter : filters) {
                SearchRequest first = filter.sort(order).limit(1 + random.nextInt(400)).build();
                Set<String> textMatches = first.q() == null ? null
                        : Set.copyOf(walk(SearchRequest.builder().q(first.q()).sort(SortOrder.NAME).limit(1000).build()));
                List<String> expected = rows.stream().filter(matching(first, null))
                        .filter(row -> textMatches == null || textMatches.contains(row.key()))
                        .sorted(order(order)).map(ArtifactRow::key).toList();
                for (UpdatedOrderPage.Method method : UpdatedOrderPage.Method.values()) {
                    assertEquals(expected, walk(first, method), method + " " + first);
                }
            }
        }
    }

    @Test
    void aWholeCollectionWalksByNameAcrossManyPages() {
        SearchRequest first = SearchRequest.builder().collections("default").limit(100).build();
        List<String> expected = rows.stream().filter(r -> r.collection().equals("default")).sorted(order(SortOrder.NAME))
                .map(ArtifactRow::key).toList();
        assertTrue(expected.size() > 7000);
        assertEquals(expected, walk(first));
    }

    @Test
    void textSearchesAreConsistent() {
        for (String q : List.of(corpus.words.get(0), corpus.words.get(40), corpus.words.get(40).substring(0, 3),
                corpus.tags.get(2), "Bash", corpus.words.get(7) + " " + corpus.words.get(9))) {
            SearchRequest first = SearchRequest.builder().q(q).facets(true).limit(200).build();
            SearchResult result = index.search(first);
            assertTrue(result.totalCount() > 0, q);
            long typeSum = result.facets().type().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(result.totalCount(), typeSum, "one type per document: " + q);
            List<String> walked = walk(first);
            assertEquals(result.totalCount(), walked.size(), q);
            assertEquals(walked.size(), new HashSet<>(walked).size(), q);
            SearchRequest byName = SearchRequest.builder().q(q).sort(SortOrder.NAME).limit(500).build();
            assertEquals(Set.copyOf(walked), Set.copyOf(walk(byName)), "the same matches in another order: " + q);
        }
    }

    @Test
    void collectionsAndFreshnessEqualBruteForce() {
        Map<String, long[]> expected = new TreeMap<>();
        for (ArtifactRow row : rows) {
            long[] counts = expected.computeIfAbsent(row.collection(), c -> new long[2]);
            counts[0]++;
            counts[1] += row.syncedAt().isBefore(STALE_BEFORE) ? 1 : 0;
        }
        List<CollectionCount> expectedCounts = new ArrayList<>();
        expected.forEach((name, counts) -> expectedCounts.add(new CollectionCount(name, counts[0], counts[1])));
        assertEquals(expectedCounts, index.collections(STALE_BEFORE));
        for (String collection : new String[] {null, "default", "archive"}) {
            List<ArtifactRow> scope = rows.stream().filter(r -> collection == null || r.collection().equals(collection)).toList();
            Instant oldest = scope.stream().map(ArtifactRow::syncedAt).min(Comparator.naturalOrder()).orElseThrow();
            long stale = scope.stream().filter(r -> r.syncedAt().isBefore(STALE_BEFORE)).count();
            assertEquals(new Freshness(scope.size(), stale, oldest), index.freshness(collection, STALE_BEFORE));
        }
    }

    private static Comparator<ArtifactRow> order(SortOrder order) {
        Comparator<ArtifactRow> byKey = Comparator.comparing(ArtifactRow::key);
        Comparator<ArtifactRow> byName = Comparator.<ArtifactRow, String>comparing(r -> r.metadata().name().toLowerCase(Locale.ROOT))
                .thenComparing(byKey);
        Comparator<ArtifactRow> byUpdated = Comparator.comparing(ArtifactRow::updatedAt).thenComparing(byKey);
        return switch (order) {
            case NAME, RELEVANCE -> byName;
            case NAME_DESC -> byName.reversed();
            case UPDATED -> byUpdated;
            case UPDATED_DESC -> byUpdated.reversed();
        };
    }

    private static List<String> walk(SearchRequest first) {
        return walk(first, UpdatedOrderPage.Method.CHEAPEST);
    }

    /** Every page's keys, with cursors, date orders collected by {@code dateMethod}. */
    private static List<String> walk(SearchRequest first, UpdatedOrderPage.Method dateMethod) {
        List<String> keys = new ArrayList<>();
        SearchRequest next = first;
        while (true) {
            SearchRequest request = next;
            SearchResult page = index.withSearcher(searcher -> ArtifactSearch.run(searcher, request, dateMethod));
            page.items().forEach(r -> keys.add(r.key()));
            if (!page.hasNext()) {
                return keys;
            }
            next = first.withAfter(page.endCursor());
        }
    }
}
