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
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten thousand generated artifacts, some in two or three collections: counts, facets, orders and
 * freshness checked against brute force, listing every document or one per artifact.
 */
class GeneratedCorpusTest {

    private static final Instant STALE_BEFORE = Rows.T0.minusSeconds(3600);
    private static final List<SortOrder> FIELD_ORDERS = List.of(SortOrder.NAME, SortOrder.NAME_DESC, SortOrder.UPDATED,
            SortOrder.UPDATED_DESC);

    @TempDir
    static Path dir;
    private static GeneratedCorpus corpus;
    private static List<ArtifactRow> rows;
    /** The rows that stand for their artifact when one per artifact lists. */
    private static Set<ArtifactRow> representatives;
    /** The positions in {@link #rows} of every row, in each of {@link #FIELD_ORDERS}. */
    private static Map<SortOrder, int[]> positions;
    private static ArtifactIndex index;

    @BeforeAll
    static void build() throws Exception {
        corpus = new GeneratedCorpus(7);
        rows = corpus.rowsWithCopies(10_000);
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
        positions = FIELD_ORDERS.stream().collect(Collectors.toMap(order -> order, order -> IntStream.range(0, rows.size()).boxed()
                .sorted(Comparator.comparing(rows::get, order(order))).mapToInt(Integer::intValue).toArray()));
        // By identity: a row's key would cost a string, its record equality a deep hash, per check.
        representatives = Collections.newSetFromMap(new IdentityHashMap<>());
        representatives.addAll(firstByCollectionName(rows).values());
        assertTrue(rows.size() - representatives.size() > 1000, "artifacts in several collections: " + (rows.size() - representatives.size()));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    // ---- brute force ----

    /** Per artifact id, its row in the collection first by name (api.md's {@code /artifacts} item). */
    private static Map<String, ArtifactRow> firstByCollectionName(List<ArtifactRow> scope) {
        Map<String, ArtifactRow> first = new HashMap<>();
        scope.forEach(row -> first.merge(row.id(), row, (a, b) -> a.collection().compareTo(b.collection()) <= 0 ? a : b));
        return first;
    }

    /** The failure of a filter that every count keeps, in {@link #failed}. */
    private static final int FAILS_FIXED = 1 << FacetDimension.values().length;

    /**
     * Which of {@code request}'s filters {@code row} fails, 0 for none: {@link #FAILS_FIXED} for one
     * that every count keeps, else the {@link #bit} of each dimension whose Any-mode selection it
     * fails (that dimension's own counts ignore it: disjunctive facets).
     */
    private static int failed(SearchRequest request, ArtifactRow row) {
        var m = row.metadata();
        boolean failsFixed = !request.collections().isEmpty() && !request.collections().contains(row.collection())
                // One per artifact: the copy in the collection first by name stands for the artifact, in every
                // count, whether or not another copy would match the filters. With a collection filter each
                // selected collection lists its own copies, one per artifact or not (ArtifactQuery).
                || request.onePerArtifact() && request.collections().isEmpty() && !representatives.contains(row)
                || request.stale() != null && request.stale() != row.syncedAt().isBefore(request.staleBefore())
                // An All-mode selection counts "what adding a value gives": its own filter stays.
                || request.tagMode() == MatchMode.ALL && !m.tags().containsAll(request.tags())
                || request.toolMode() == MatchMode.ALL && !m.tools().containsAll(request.tools());
        if (failsFixed) {
            return FAILS_FIXED;
        }
        int failed = 0;
        if (!request.types().isEmpty() && !request.types().contains(m.type())) {
            failed |= bit(FacetDimension.TYPE);
        }
        if (request.tagMode() == MatchMode.ANY && !request.tags().isEmpty() && Collections.disjoint(request.tags(), m.tags())) {
            failed |= bit(FacetDimension.TAGS);
        }
        if (request.toolMode() == MatchMode.ANY && !request.tools().isEmpty() && Collections.disjoint(request.tools(), m.tools())) {
            failed |= bit(FacetDimension.TOOLS);
        }
        if (!request.origins().isEmpty() && !request.origins().contains(m.origin())) {
            failed |= bit(FacetDimension.ORIGIN);
        }
        return failed;
    }

    private static int bit(FacetDimension dimension) {
        return 1 << dimension.ordinal();
    }

    private static Predicate<ArtifactRow> matching(SearchRequest request) {
        return row -> failed(request, row) == 0;
    }

    /**
     * {@link #failed} of each row of {@link #rows}, by position, each row's filters checked once; a
     * row outside {@code scope} (e.g. the rows a text matches; null for all) fails a fixed filter.
     */
    private static int[] failures(SearchRequest request, boolean[] scope) {
        int[] failed = new int[rows.size()];
        for (int i = 0; i < failed.length; i++) {
            failed[i] = scope == null || scope[i] ? failed(request, rows.get(i)) : FAILS_FIXED;
        }
        return failed;
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

    /**
     * Per faceted dimension, the count of each of its values over the rows that match {@code request}
     * but for that dimension's own Any-mode selection, and 0 for a selected value none has.
     *
     * @param failed the {@link #failures} of {@code request}
     */
    private static Map<FacetDimension, Map<String, Long>> expectedCounts(SearchRequest request, int[] failed) {
        Map<FacetDimension, Map<String, Long>> counts = new EnumMap<>(FacetDimension.class);
        for (FacetDimension dimension : FacetDimension.SEARCHABLE) {
            Map<String, Long> values = new HashMap<>();
            for (int i = 0; i < failed.length; i++) {
                if ((failed[i] & ~bit(dimension)) == 0) {
                    values(dimension).apply(rows.get(i)).forEach(v -> values.merge(v, 1L, Long::sum));
                }
            }
            FacetCounter.selected(request, dimension).forEach(v -> values.putIfAbsent(v, 0L));
            counts.put(dimension, values);
        }
        return counts;
    }

    /** As the facets show them: per dimension its top N values and the selected ones, by count then value. */
    private static FacetCounts expectedFacets(SearchRequest request, int[] failed) {
        Map<FacetDimension, Map<String, Long>> counts = expectedCounts(request, failed);
        Map<FacetDimension, Map<String, Long>> shown = new EnumMap<>(FacetDimension.class);
        for (FacetDimension dimension : FacetDimension.SEARCHABLE) {
            List<String> selected = FacetCounter.selected(request, dimension);
            List<Map.Entry<String, Long>> ordered = new ArrayList<>(counts.get(dimension).entrySet());
            ordered.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            Map<String, Long> top = new LinkedHashMap<>();
            for (int rank = 0; rank < ordered.size(); rank++) {
                Map.Entry<String, Long> entry = ordered.get(rank);
                if (rank < dimension.topN() || selected.contains(entry.getKey())) {
                    top.put(entry.getKey(), entry.getValue());
                }
            }
            shown.put(dimension, top);
        }
        return new FacetCounts(shown.get(FacetDimension.TYPE), shown.get(FacetDimension.TAGS),
                shown.get(FacetDimension.TOOLS), shown.get(FacetDimension.ORIGIN));
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
        return builder.onePerArtifact(random.nextBoolean());
    }

    private static <T> List<T> pick(Random random, List<T> values, int count) {
        List<T> copy = new ArrayList<>(values);
        Collections.shuffle(copy, random);
        return copy.subList(0, count);
    }

    // ---- checks ----

    @Test
    void totalsAndFacetsEqualBruteForce() {
        Random random = new Random(11);
        for (int i = 0; i < 60; i++) {
            SearchRequest request = randomFilters(random).facets(true).limit(5).build();
            SearchResult result = index.search(request);
            int[] failed = failures(request, null);
            long expectedTotal = matches(failed);
            assertEquals(expectedTotal, result.totalCount(), request.toString());
            assertEquals(expectedFacets(request, failed).asMap().toString(), result.facets().asMap().toString(), request.toString());
            SearchResult withoutFacets = index.search(SearchRequest.builder().collections(request.collections())
                    .types(request.types()).tags(request.tagMode(), request.tags()).tools(request.toolMode(), request.tools())
                    .origins(request.origins()).stale(request.stale(), STALE_BEFORE).onePerArtifact(request.onePerArtifact())
                    .build());
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
     * A search's total, facet counts (top values and selected ones, in order) and first page in each
     * of the four field orders, for every filter combination of the API, listing every document and
     * one per artifact, each without text and with a word (whose matches the index gives: the brute
     * force intersects them with the filters).
     */
    @Test
    void everyFilterCombinationWithOrWithoutTextEqualsBruteForce() {
        Random random = new Random(17);
        int checked = 0;
        for (String q : new String[] {null, corpus.words.get(3)}) {
            Set<String> textMatches = q == null ? null : Set.copyOf(walk(SearchRequest.builder().q(q).sort(SortOrder.NAME).limit(1000).build()));
            assertTrue(q == null || textMatches.size() > 500, "a frequent word: " + q);
            boolean[] scope = new boolean[rows.size()];
            for (int i = 0; i < scope.length; i++) {
                scope[i] = q == null || textMatches.contains(rows.get(i).key());
            }
            for (int combination = 0; combination < COMBINATIONS; combination++) {
                SearchRequest.Builder filters = combination(combination, random).q(q).limit(7);
                for (boolean onePerArtifact : new boolean[] {false, true}) {
                    SearchRequest anyOrder = filters.onePerArtifact(onePerArtifact).build();
                    int[] failed = failures(anyOrder, scope);
                    long expectedTotal = matches(failed);
                    String expectedFacets = expectedFacets(anyOrder, failed).asMap().toString();
                    for (SortOrder order : FIELD_ORDERS) {
                        // The counts do not depend on the order: asked for in one, the others page without them.
                        boolean facets = order == FIELD_ORDERS.getFirst();
                        SearchRequest request = filters.sort(order).facets(facets).build();
                        SearchResult result = index.search(request);
                        String context = request.toString();
                        assertEquals(expectedTotal, result.totalCount(), context);
                        assertEquals(firstKeys(order, failed, 7), result.items().stream().map(ArtifactRow::key).toList(), context);
                        assertEquals(facets ? expectedFacets : FacetCounts.NONE.asMap().toString(), result.facets().asMap().toString(), context);
                        checked++;
                    }
                }
            }
        }
        assertEquals(2 * COMBINATIONS * 2 * FIELD_ORDERS.size(), checked);
    }

    /** How many rows match, of {@code failed} (their {@link #failures}). */
    private static long matches(int[] failed) {
        return Arrays.stream(failed).filter(f -> f == 0).count();
    }

    /** The keys of the first {@code count} matching rows in {@code order}, of {@code failed} (their {@link #failures}). */
    private static List<String> firstKeys(SortOrder order, int[] failed, int count) {
        return Arrays.stream(positions.get(order)).filter(i -> failed[i] == 0).limit(count).mapToObj(i -> rows.get(i).key()).toList();
    }

    /**
     * Every value's count, by walking the hits and by bit sets, for every combination of the API's
     * filters, with values drawn at random, listing every document and one per artifact.
     */
    @Test
    void everyValueCountByEitherMethodEqualsBruteForce() {
        Random random = new Random(13);
        int checked = 0;
        for (int combination = 0; combination < COMBINATIONS; combination++) {
            SearchRequest.Builder filters = combination(combination, random);
            for (boolean onePerArtifact : new boolean[] {false, true}) {
                SearchRequest request = filters.onePerArtifact(onePerArtifact).build();
                Map<FacetDimension, Map<String, Long>> counts = expectedCounts(request, failures(request, null));
                for (FacetDimension dimension : FacetDimension.SEARCHABLE) {
                    Map<String, Long> expected = counts.get(dimension);
                    String context = dimension + " " + request;
                    for (FacetCounter.Method method : FacetCounter.Method.values()) {
                        assertEquals(expected, index.facetValues(request, dimension, method), method + " " + context);
                    }
                    checked++;
                }
            }
        }
        assertEquals(COMBINATIONS * 2 * FacetDimension.SEARCHABLE.length, checked);
    }

    /**
     * One per artifact over all collections: each artifact once, as its copy in the collection first
     * by name, which is the first of the collections said to hold it; SkillMeat's tag counts count
     * each artifact once, with its tags in that collection.
     */
    @Test
    void eachArtifactListsOnceAsItsCopyInTheCollectionFirstByName() {
        List<ArtifactRow> expected = Arrays.stream(positions.get(SortOrder.NAME)).mapToObj(rows::get).filter(representatives::contains)
                .toList();
        assertEquals(expected.stream().map(ArtifactRow::key).toList(),
                walk(SearchRequest.builder().onePerArtifact(true).limit(1000).build()));
        Map<String, List<String>> holding = new HashMap<>();
        rows.forEach(row -> holding.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row.collection()));
        holding.values().forEach(collections -> collections.sort(Comparator.naturalOrder()));
        assertEquals(holding, index.collectionsHolding(expected));
        expected.forEach(row -> assertEquals(holding.get(row.id()).getFirst(), row.collection(), row.key()));
        Map<String, Long> tagCounts = new HashMap<>();
        expected.forEach(row -> row.metadata().tags().forEach(tag -> tagCounts.merge(tag, 1L, Long::sum)));
        assertEquals(tagCounts, index.tagCounts());
    }

    @Test
    void walksFollowTheBruteForceOrder() {
        Random random = new Random(12);
        for (SortOrder order : FIELD_ORDERS) {
            for (int i = 0; i < 4; i++) {
                SearchRequest first = randomFilters(random).sort(order).limit(1 + random.nextInt(150)).build();
                List<String> expected = rows.stream().filter(matching(first)).sorted(order(order)).map(ArtifactRow::key).toList();
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
                List<String> expected = rows.stream().filter(matching(first))
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
        for (String collection : new String[] {null, "default", "team-archive"}) {
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
