package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search behaviour on the thirty rows of {@link HandCorpus}: golden facets, text matching, sorts, cursors, highlights. */
class ArtifactSearchTest {

    @TempDir
    Path dir;
    private ArtifactIndex index;

    @BeforeEach
    void open() throws Exception {
        index = ArtifactIndex.open(dir.resolve("lucene"));
        index.apply(HandCorpus.ROWS);
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private static SearchRequest.Builder request() {
        return SearchRequest.builder().limit(100);
    }

    private SearchResult search(SearchRequest.Builder builder) {
        return index.search(builder.build());
    }

    private static List<String> names(SearchResult result) {
        return result.items().stream().map(r -> r.metadata().name()).toList();
    }

    private void assertFacets(SearchRequest.Builder builder, long total, String golden) {
        SearchResult result = search(builder.facets(true));
        assertEquals(total, result.totalCount());
        assertEquals(golden, result.facets().asMap().toString());
    }

    // ---- facets: golden values (computed independently by brute force over the corpus) ----

    @Test
    void facetsOfEverything() {
        assertFacets(request(), 30, "{type={skill=12, agent=7, command=4, hook=2, mcp=2, workflow=2, composite=1}, "
                + "tags={devops=7, documents=6, quality=6, data=5, git=4, pdf=3, security=3, api=2, cloud=2, database=2, "
                + "frontend=2, kubernetes=2, office=2, backend=1, code-review=1, codegen=1, github=1, i18n=1, images=1, "
                + "infrastructure=1, ml=1, react=1, testing=1}, tools={Read=17, Bash=15, Write=8, Grep=3, WebFetch=2, Edit=1, "
                + "Glob=1, Task=1, mcp__github__create_issue=1}, origin={github=13, local=10, marketplace=7}}");
    }

    @Test
    void typeCountsIgnoreTheTypeSelection() {
        assertFacets(request().types(ArtifactType.SKILL), 12, "{type={skill=12, agent=7, command=4, hook=2, mcp=2, workflow=2, "
                + "composite=1}, tags={data=3, documents=3, pdf=3, cloud=2, devops=2, office=2, api=1, codegen=1, database=1, "
                + "images=1, infrastructure=1, kubernetes=1, quality=1, security=1}, tools={Read=9, Bash=7, Write=4, Grep=1}, "
                + "origin={github=7, marketplace=4, local=1}}");
    }

    @Test
    void twoSelectedFacetsAreEachCountedSideways() {
        assertFacets(request().types(ArtifactType.SKILL, ArtifactType.AGENT).tags(MatchMode.ANY, "devops", "pdf"), 6,
                "{type={skill=5, command=2, workflow=2, agent=1}, tags={documents=5, data=4, devops=3, pdf=3, quality=3, "
                        + "security=3, api=2, cloud=2, office=2, code-review=1, codegen=1, database=1, frontend=1, i18n=1, "
                        + "images=1, infrastructure=1, kubernetes=1, ml=1, react=1}, tools={Bash=5, Read=5, WebFetch=1, Write=1}, "
                        + "origin={github=4, local=1, marketplace=1}}");
    }

    @Test
    void allTagsAndAnOrigin() {
        // All mode: a tag's count is what adding it gives (the selected ones: every hit).
        assertFacets(request().tags(MatchMode.ALL, "devops", "cloud").origins("github"), 2,
                "{type={skill=2}, tags={cloud=2, devops=2, infrastructure=1, kubernetes=1}, "
                        + "tools={Bash=2, Read=2, Write=1}, origin={github=2}}");
    }

    @Test
    void oneCollection() {
        assertFacets(request().collections("team"), 2,
                "{type={agent=1, skill=1}, tags={api=1, documents=1, pdf=1}, tools={Bash=1, Read=1, Write=1}, origin={github=2}}");
    }

    @Test
    void toolsAllVersusAny() {
        assertFacets(request().tools(MatchMode.ALL, "Read", "Bash"), 7, "{type={skill=4, agent=2, command=1}, tags={devops=3, "
                + "cloud=2, data=2, documents=2, git=1, infrastructure=1, kubernetes=1, ml=1, office=1, pdf=1, security=1}, "
                + "tools={Bash=7, Read=7, Write=2, WebFetch=1}, origin={github=4, local=2, marketplace=1}}");
        assertFacets(request().tools(MatchMode.ANY, "Read", "Bash"), 25, "{type={skill=12, agent=7, command=4, workflow=2}, "
                + "tags={devops=7, documents=6, data=4, quality=4, pdf=3, security=3, api=2, cloud=2, git=2, kubernetes=2, "
                + "office=2, code-review=1, codegen=1, database=1, frontend=1, i18n=1, images=1, infrastructure=1, ml=1, "
                + "react=1, testing=1}, tools={Read=17, Bash=15, Write=8, Grep=3, WebFetch=2, Edit=1, Glob=1, Task=1, "
                + "mcp__github__create_issue=1}, origin={github=12, local=8, marketplace=5}}");
    }

    @Test
    void staleFilter() {
        assertFacets(request().stale(true, HandCorpus.STALE_BEFORE), 6, "{type={skill=4, agent=1, command=1}, tags={documents=3, "
                + "devops=2, api=1, cloud=1, data=1, database=1, infrastructure=1, kubernetes=1, office=1, quality=1}, "
                + "tools={Read=5, Bash=2, Write=2, Grep=1}, origin={github=4, local=1, marketplace=1}}");
        assertEquals(24, search(request().stale(false, HandCorpus.STALE_BEFORE)).totalCount());
    }

    @Test
    void facetsWithText() {
        String golden = "{type={skill=3}, tags={pdf=3, documents=1, security=1}, tools={Bash=2, Read=2}, origin={github=2, marketplace=1}}";
        assertFacets(request().q("pdf"), 3, golden);
        assertFacets(request().q("pdf").types(ArtifactType.SKILL), 3, golden);
    }

    @Test
    void aSelectedValueWithoutDocumentsStillAppears() {
        assertFacets(request().tags(MatchMode.ANY, "no-such-tag"), 0, "{type={}, tags={devops=7, documents=6, quality=6, data=5, "
                + "git=4, pdf=3, security=3, api=2, cloud=2, database=2, frontend=2, kubernetes=2, office=2, backend=1, "
                + "code-review=1, codegen=1, github=1, i18n=1, images=1, infrastructure=1, ml=1, react=1, testing=1, "
                + "no-such-tag=0}, tools={}, origin={}}");
    }

    @Test
    void facetsDoNotChangeThePageOrTheTotal() {
        for (SortOrder order : SortOrder.values()) {
            SearchRequest.Builder plain = request().q("data").types(ArtifactType.SKILL, ArtifactType.AGENT, ArtifactType.MCP)
                    .tags(MatchMode.ANY, "data", "database").sort(order);
            SearchResult without = search(plain);
            SearchResult with = search(plain.facets(true));
            SearchResult again = search(plain.facets(true));
            assertEquals(names(without), names(with), order.toString());
            assertEquals(without.totalCount(), with.totalCount());
            assertEquals(with, again, "a repeated search (summary from the cache) gives the same result");
        }
    }

    @Test
    void facetsAreOffUnlessAsked() {
        SearchResult result = search(request().types(ArtifactType.SKILL));
        assertEquals(FacetCounts.NONE, result.facets());
        assertEquals(12, result.totalCount());
    }

    @Test
    void facetCountsAndTotalsStayRightAfterWrites() throws Exception {
        assertFacets(request().collections("team"), 2,
                "{type={agent=1, skill=1}, tags={api=1, documents=1, pdf=1}, tools={Bash=1, Read=1, Write=1}, origin={github=2}}");
        index.apply(List.of(Rows.row("team", ArtifactType.HOOK, "new-hook", null, "hook", List.of("git"), List.of(), "local",
                Rows.T0, Rows.T0, 100), Rows.tombstone("team", "agent:docs-writer", 101)));
        assertFacets(request().collections("team"), 2,
                "{type={hook=1, skill=1}, tags={git=1, pdf=1}, tools={Bash=1}, origin={github=1, local=1}}");
        assertEquals(2, search(request().collections("team")).totalCount());
    }

    /**
     * An artifact in several collections lists once over all of them, as its copy in the collection
     * first by name: "team" before "team-archive", though the key "team-archive/..." sorts before
     * "team/..." ('-' before '/'). A collection filter lists that collection's own copy.
     */
    @Test
    void onePerArtifactListsTheCopyInTheCollectionFirstByName() throws Exception {
        index.apply(List.of(shared("team-archive", 100), shared("team", 101)));
        assertEquals(List.of("team-archive/skill:shared-notes", "team/skill:shared-notes"), sharedKeys(request()));
        assertEquals(List.of("team/skill:shared-notes"), sharedKeys(request().onePerArtifact(true)));
        assertEquals(List.of("team-archive/skill:shared-notes"), sharedKeys(request().onePerArtifact(true).collections("team-archive")));
        assertEquals(1, index.tagCounts().get("shared"));
    }

    /**
     * The copies of one artifact in separate segments (one write each), the first by name deleted
     * later: the next by name stands for it. Names are compared as text, so "équipe" comes after
     * "team" and "team-archive" after "team".
     */
    @Test
    void onePerArtifactChoosesAmongTheLiveCopiesOfEverySegment() throws Exception {
        index.apply(List.of(shared("équipe", 100)));
        index.apply(List.of(shared("team-archive", 101)));
        index.apply(List.of(shared("team", 102)));
        index.apply(List.of(shared("archive", 103)));
        assertEquals(List.of("archive/skill:shared-notes"), sharedKeys(request().onePerArtifact(true)));

        index.apply(List.of(Rows.tombstone("archive", "skill:shared-notes", 104)));
        assertEquals(List.of("team/skill:shared-notes"), sharedKeys(request().onePerArtifact(true)));

        index.apply(List.of(Rows.tombstone("team", "skill:shared-notes", 105)));
        assertEquals(List.of("team-archive/skill:shared-notes"), sharedKeys(request().onePerArtifact(true)));
        assertEquals(2, search(request().tags(MatchMode.ANY, "shared")).totalCount());
        assertEquals(1, search(request().onePerArtifact(true).tags(MatchMode.ANY, "shared")).totalCount());
    }

    /**
     * Where one collection holds every live document, each is its artifact's only copy: one per
     * artifact adds no filter, so such a request takes the paths that need none. A second
     * collection's live documents bring the filter back; their deletion takes it away again.
     */
    @Test
    void onePerArtifactFiltersOnlyWhereSeveralCollectionsHoldLiveDocuments() throws Exception {
        SearchRequest everyArtifact = request().onePerArtifact(true).build();
        assertEquals(List.of(OnePerArtifactQuery.INSTANCE), residualFilters(everyArtifact));

        index.apply(List.of(Rows.tombstone("team", "skill:pdf-merger", 100), Rows.tombstone("team", "agent:docs-writer", 101)));
        assertEquals(List.of(), residualFilters(everyArtifact));
        assertEquals(28, index.search(everyArtifact).totalCount());
        assertEquals(List.of(), residualFilters(request().onePerArtifact(true).collections("default").build()));

        index.apply(List.of(shared("archive", 102), shared("default", 103)));
        assertEquals(List.of(OnePerArtifactQuery.INSTANCE), residualFilters(everyArtifact));
        assertEquals(List.of("archive/skill:shared-notes"), sharedKeys(request().onePerArtifact(true)));
        assertEquals(29, index.search(everyArtifact).totalCount());
    }

    /** The filters beside keyword values that {@code request} gets on the index as it is. */
    private List<Query> residualFilters(SearchRequest request) {
        return index.withSearcher(searcher -> ArtifactQuery.of(request, searcher.freshness().severalCollections()).residualFilters());
    }

    private static ArtifactRow shared(String collection, long seq) {
        return Rows.row(collection, ArtifactType.SKILL, "shared-notes", null, "notes", List.of("shared"), List.of(), "local",
                Rows.T0, Rows.T0, seq);
    }

    /** The keys of the documents tagged "shared", by name. */
    private List<String> sharedKeys(SearchRequest.Builder builder) {
        return search(builder.tags(MatchMode.ANY, "shared").sort(SortOrder.NAME)).items().stream().map(ArtifactRow::key).toList();
    }

    // ---- filters ----

    @Test
    void filtersCombine() {
        assertEquals(List.of("pdf-signer", "pdf-tools"), names(search(request().tags(MatchMode.ANY, "pdf").collections("default"))));
        assertEquals(List.of("docs-writer", "pdf-merger", "pdf-tools"),
                names(search(request().tags(MatchMode.ANY, "pdf", "api").origins("github"))));
        assertEquals(List.of("kubernetes-architect", "terraform-helper"),
                names(search(request().tags(MatchMode.ALL, "cloud", "devops"))));
        assertEquals(List.of(), names(search(request().tags(MatchMode.ALL, "cloud", "pdf"))));
        assertEquals(List.of("security-auditor"), names(search(request().tools(MatchMode.ALL, "Grep", "WebFetch"))));
        assertEquals(List.of("deploy", "kube-logs"), names(search(request().types(ArtifactType.COMMAND).tags(MatchMode.ANY, "devops"))));
    }

    @Test
    void filterValuesAreExact() {
        assertEquals(0, search(request().tags(MatchMode.ANY, "PDF")).totalCount());
        assertEquals(0, search(request().tools(MatchMode.ANY, "read")).totalCount());
    }

    // ---- text ----

    @ParameterizedTest
    @ValueSource(strings = {"pdf", "tools", "PDF-Tools", "pdftools", "Tools PDF"})
    void hyphenatedNamesSplit(String q) {
        assertTrue(names(search(request().q(q))).contains("pdf-tools"), q);
    }

    @Test
    void camelCaseNamesSplit() {
        assertEquals(List.of("codeReviewer"), names(search(request().q("reviewer"))));
        assertEquals(List.of("codeReviewer"), names(search(request().q("codereviewer"))));
        assertEquals(List.of("codeReviewer"), names(search(request().q("code reviewer"))));
    }

    @Test
    void lastTermMatchesAsAPrefix() {
        assertEquals(List.of("kube-logs", "kubernetes-architect"), names(search(request().q("kube"))));
        assertEquals(List.of("terraform-helper"), names(search(request().q("terraf"))));
        assertEquals(List.of("terraform-helper"), names(search(request().q("apply terraf"))));
        assertEquals(List.of(), names(search(request().q("terraf apply"))), "only the last term is a prefix");
    }

    @Test
    void typosInLongerWordsAreTolerated() {
        assertEquals(List.of("kubernetes-architect", "kube-logs"), names(search(request().q("kubernets"))),
                "a name match first, then a tag match");
        assertEquals(List.of("terraform-helper"), names(search(request().q("terrafrom"))), "a transposition is one edit");
        assertEquals(List.of("terraform-helper"), names(search(request().q("teraform helpr"))));
        assertEquals(List.of("postgres-server"), names(search(request().q("postgers"))));
        assertEquals(List.of(), names(search(request().q("kbe"))), "short words must be exact");
    }

    @Test
    void nameMatchesRankAboveDescriptionMatches() {
        assertEquals(List.of("markdown-linter", "pre-commit-lint"), names(search(request().q("linter"))));
        assertEquals("kube-logs", names(search(request().q("kube"))).get(0));
        List<String> docs = names(search(request().q("docs")));
        assertEquals("docs-writer", docs.get(0), docs.toString());
    }

    @Test
    void allTermsMustMatchUpToThree() {
        assertEquals(List.of("pdf-signer"), names(search(request().q("sign pdf"))));
        assertEquals(List.of("pdf-signer"), names(search(request().q("sign pdf documents digitally nonsense"))),
                "with five terms one may be missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo AND (", "\"unclosed", "*", "\\", "name:pdf", "pdf~2", "a OR b", ")(", "[x TO y]", "/regex/",
        "kube*", "+pdf -tools", "&&||!", "\u0000", "😀 emoji", "<script>", "' OR 1=1 --", "%", "?"})
    void anyTextIsAcceptedWithoutFailure(String q) {
        SearchResult result = search(request().q(q).facets(true).highlight(true));
        assertTrue(result.totalCount() >= result.items().size());
    }

    @Test
    void textWithoutSearchableTermsListsEverything() {
        assertEquals(30, search(request().q("*")).totalCount());
        assertEquals(0, search(request().q("foo AND (")).totalCount());
        assertEquals(List.of("kube-logs", "kubernetes-architect"), names(search(request().q("kube*"))));
    }

    @Test
    void veryLongTextIsBounded() {
        String q = "pdf " + "x".repeat(100_000);
        assertEquals(0, search(request().q(q)).totalCount());
        assertEquals(3, search(request().q("pdf ".repeat(50_000))).totalCount());
    }

    // ---- sorts and cursors ----

    private static final Comparator<ArtifactRow> BY_KEY = Comparator.comparing(ArtifactRow::key);

    private static Comparator<ArtifactRow> expected(SortOrder order) {
        Comparator<ArtifactRow> byName = Comparator.comparing(r -> r.metadata().name().toLowerCase(Locale.ROOT));
        Comparator<ArtifactRow> byUpdated = Comparator.comparing(ArtifactRow::updatedAt);
        // A descending order is the exact reverse of the ascending one, key included.
        return switch (order) {
            case NAME, RELEVANCE -> byName.thenComparing(BY_KEY);
            case NAME_DESC -> byName.thenComparing(BY_KEY).reversed();
            case UPDATED -> byUpdated.thenComparing(BY_KEY);
            case UPDATED_DESC -> byUpdated.thenComparing(BY_KEY).reversed();
        };
    }

    private List<String> walk(SearchRequest first, UnaryOperator<List<String>> betweenPages) {
        List<String> seen = new ArrayList<>();
        SearchRequest next = first;
        for (int pages = 0; pages < 100; pages++) {
            SearchResult page = index.search(next);
            page.items().forEach(r -> seen.add(r.key()));
            if (!page.hasNext()) {
                assertTrue(page.items().isEmpty() || page.endCursor() != null);
                return seen;
            }
            assertEquals(page.items().get(page.items().size() - 1).key(), keyOf(page, page.items().size() - 1));
            betweenPages.apply(seen);
            next = first.withAfter(page.endCursor());
        }
        throw new AssertionError("the walk did not end");
    }

    private static String keyOf(SearchResult page, int i) {
        return page.items().get(i).key();
    }

    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void eachSortWalksEveryItemOnceInOrder(SortOrder order) {
        List<String> expected = HandCorpus.ROWS.stream().sorted(expected(order)).map(ArtifactRow::key).toList();
        List<String> seen = walk(SearchRequest.builder().sort(order).limit(7).build(), s -> s);
        assertEquals(expected, seen);
        assertEquals(expected.subList(0, 30), names(index.search(SearchRequest.builder().sort(order).limit(30).build())).stream()
                .map(n -> HandCorpus.named(n).key()).toList());
    }

    @Test
    void nameSortIsCaseInsensitive() {
        List<String> names = names(search(request()));
        int api = names.indexOf("api-client-generator");
        int code = names.indexOf("codeReviewer");
        int csv = names.indexOf("csv-cleaner");
        assertTrue(api < code && code < csv, names.toString());
    }

    @Test
    void relevanceIsTheDefaultWithTextAndNameWithout() {
        assertEquals(SortOrder.RELEVANCE, request().q("x").build().effectiveSort());
        assertEquals(SortOrder.NAME, request().build().effectiveSort());
        assertEquals(SortOrder.UPDATED, request().q("x").sort(SortOrder.UPDATED).build().effectiveSort());
    }

    @Test
    void relevanceWalkWithTiesSeesEveryMatchOnce() {
        SearchRequest first = SearchRequest.builder().q("data").limit(2).build();
        List<String> all = index.search(SearchRequest.builder().q("data").limit(100).build()).items().stream()
                .map(ArtifactRow::key).toList();
        assertTrue(all.size() >= 5, all.toString());
        assertEquals(all, walk(first, s -> s));
    }

    @ParameterizedTest
    @EnumSource(value = SortOrder.class, names = {"NAME", "NAME_DESC", "UPDATED_DESC", "RELEVANCE"})
    void walkSurvivesInsertsAndDeletes(SortOrder order) throws Exception {
        SearchRequest first = SearchRequest.builder().sort(order).limit(4).build();
        List<String> deletedUnseen = new ArrayList<>();
        List<String> insertedLate = new ArrayList<>();
        Set<String> deletedSeen = new HashSet<>();
        long[] seq = {1000};
        List<String> seen = walk(first, keys -> {
            try {
                if (keys.size() == 4) {
                    // delete one already seen and one not yet seen; insert one before and one after the cursor
                    String seenKey = keys.get(1);
                    String unseen = HandCorpus.ROWS.stream().map(ArtifactRow::key).filter(k -> !keys.contains(k))
                            .sorted().skip(7).findFirst().orElseThrow();
                    deletedSeen.add(seenKey);
                    deletedUnseen.add(unseen);
                    index.apply(List.of(tombstoneOf(seenKey, seq[0]++), tombstoneOf(unseen, seq[0]++),
                            Rows.row("default", ArtifactType.SKILL, "000-first", null, "x", List.of(), List.of(), "local",
                                    Rows.T0.plusSeconds(99_999), Rows.T0.plusSeconds(99_999), seq[0]++),
                            Rows.row("default", ArtifactType.SKILL, "zzz-last", null, "x", List.of(), List.of(), "local",
                                    Rows.T0.minusSeconds(99_999_999), Rows.T0.minusSeconds(99_999_999), seq[0]++)));
                    // "000-first" is newest and first by name; "zzz-last" oldest and last by name
                    insertedLate.add(order == SortOrder.NAME_DESC ? "default/skill:000-first" : "default/skill:zzz-last");
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return keys;
        });
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no item twice: " + seen);
        for (ArtifactRow row : HandCorpus.ROWS) {
            if (!deletedUnseen.contains(row.key())) {
                assertTrue(seen.contains(row.key()), "missing " + row.key());
            }
        }
        deletedUnseen.forEach(k -> assertFalse(seen.contains(k), "deleted before its page: " + k));
        assertTrue(seen.containsAll(insertedLate), "an item inserted after the cursor is seen: " + seen);
        assertEquals(30 - deletedUnseen.size() + insertedLate.size(), seen.size(), seen.toString());
        assertTrue(deletedSeen.stream().allMatch(seen::contains));
    }

    @Test
    void relevanceWalkWithTextSurvivesInsertsAndDeletes() throws Exception {
        SearchRequest first = SearchRequest.builder().q("data").limit(2).build();
        List<String> before = index.search(SearchRequest.builder().q("data").limit(100).build()).items().stream()
                .map(ArtifactRow::key).toList();
        Set<String> deleted = new HashSet<>();
        List<String> seen = walk(first, keys -> {
            try {
                if (keys.size() == 2) {
                    String unseen = before.get(before.size() - 1);
                    deleted.add(unseen);
                    index.apply(List.of(tombstoneOf(unseen, 2000),
                            Rows.row("default", ArtifactType.SKILL, "data-new", null, "data", List.of("data"), List.of(), "local",
                                    Rows.T0, Rows.T0, 2001)));
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return keys;
        });
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no item twice: " + seen);
        for (String key : before) {
            assertEquals(!deleted.contains(key), seen.contains(key), key + " in " + seen);
        }
        // "data-new" matches the name exactly: it ranks before the cursor and is rightly not part of this walk.
        assertFalse(seen.contains("default/skill:data-new"), seen.toString());
    }

    private static ArtifactRow tombstoneOf(String key, long seq) {
        int slash = key.indexOf('/');
        return Rows.tombstone(key.substring(0, slash), key.substring(slash + 1), seq);
    }

    @Test
    void pageInfo() {
        SearchResult first = index.search(SearchRequest.builder().limit(10).build());
        assertEquals(10, first.items().size());
        assertTrue(first.hasNext());
        assertEquals(30, first.totalCount());
        assertNotNull(first.startCursor());
        assertNotNull(first.endCursor());
        SearchResult last = index.search(SearchRequest.builder().limit(10).after(
                index.search(SearchRequest.builder().limit(20).build()).endCursor()).build());
        assertEquals(10, last.items().size());
        assertFalse(last.hasNext());
        assertEquals(30, last.totalCount(), "the total counts every page");
        SearchResult empty = index.search(SearchRequest.builder().tags(MatchMode.ANY, "none").build());
        assertNull(empty.startCursor());
        assertNull(empty.endCursor());
        assertFalse(empty.hasNext());
    }

    @Test
    void startCursorOfANextPageContinuesAfterItsFirstItem() {
        SearchResult page = index.search(SearchRequest.builder().limit(5).build());
        SearchResult fromStart = index.search(SearchRequest.builder().limit(4).after(page.startCursor()).build());
        assertEquals(page.items().subList(1, 5), fromStart.items());
    }

    @Test
    void foreignAndDamagedCursorsAreRejected() {
        String cursor = index.search(SearchRequest.builder().limit(5).build()).endCursor();
        assertEquals(5, index.search(SearchRequest.builder().limit(5).after(cursor).build()).items().size());
        InvalidCursorException otherSort = assertThrows(InvalidCursorException.class,
                () -> index.search(SearchRequest.builder().sort(SortOrder.UPDATED).after(cursor).build()));
        assertTrue(otherSort.getMessage().contains("sort \"name\""), otherSort.getMessage());
        assertThrows(InvalidCursorException.class, () -> index.search(SearchRequest.builder().types(ArtifactType.SKILL).after(cursor).build()));
        assertThrows(InvalidCursorException.class, () -> index.search(SearchRequest.builder().q("pdf").sort(SortOrder.NAME).after(cursor).build()));
        String tampered = cursor.substring(0, 10) + (cursor.charAt(10) == 'A' ? 'B' : 'A') + cursor.substring(11);
        assertThrows(InvalidCursorException.class, () -> index.search(SearchRequest.builder().after(tampered).build()));
        for (String garbage : List.of("x", "!!!!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "é", "a".repeat(10_000))) {
            InvalidCursorException e = assertThrows(InvalidCursorException.class,
                    () -> index.search(SearchRequest.builder().after(garbage).build()));
            assertTrue(e.getMessage().contains("without \"after\""), e.getMessage());
        }
    }

    @Test
    void itemsAreRowsAsApplied() {
        ArtifactRow expected = HandCorpus.named("pdf-tools");
        ArtifactRow item = index.search(SearchRequest.builder().q("pdf-tools").limit(1).build()).items().get(0);
        assertEquals(expected, item);
        assertEquals(expected, index.get("default", "skill:pdf-tools").orElseThrow());
    }

    // ---- highlights ----

    @Test
    void highlightsAreEscapedAndMarked() {
        SearchResult result = search(request().q("incident").highlight(true));
        assertEquals(List.of("incident-responder"), names(result));
        Highlight highlight = result.highlights().get("default/agent:incident-responder");
        assertEquals(List.of("<mark>incident</mark>-responder"), highlight.name());
        assertEquals(List.of("Triages production <mark>incidents</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; pages on-call"),
                highlight.description());
        Highlight script = search(request().q("script").highlight(true)).highlights().get("default/agent:incident-responder");
        assertEquals(List.of("Triages production incidents &lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; &amp; pages on-call"),
                script.description());
        assertEquals(List.of(), script.name());
    }

    @Test
    void highlightsMarkPrefixAndTypoMatches() {
        SearchResult prefix = search(request().q("kube").highlight(true));
        assertEquals(List.of("<mark>kubernetes</mark>-architect"), prefix.highlights().get("default/skill:kubernetes-architect").name());
        assertEquals(List.of("Design <mark>Kubernetes</mark> clusters and Helm charts"),
                prefix.highlights().get("default/skill:kubernetes-architect").description());
        assertEquals(List.of("<mark>kube</mark>-logs"), prefix.highlights().get("default/command:kube-logs").name());
        SearchResult typo = search(request().q("terrafrom").highlight(true));
        assertEquals(List.of("<mark>terraform</mark>-helper"), typo.highlights().get("default/skill:terraform-helper").name());
        assertEquals(List.of("code<mark>Reviewer</mark>"),
                search(request().q("reviewer").highlight(true)).highlights().get("default/agent:codeReviewer").name());
    }

    @Test
    void noHighlightsWithoutTextOrWhenNotAsked() {
        assertTrue(search(request().highlight(true)).highlights().isEmpty());
        assertTrue(search(request().q("pdf")).highlights().isEmpty());
        SearchResult result = search(request().q("pdf").highlight(true));
        assertEquals(3, result.highlights().size());
        assertEquals(Set.copyOf(result.items().stream().map(ArtifactRow::key).toList()), result.highlights().keySet());
    }

    // ---- freshness reflected in items ----

    @Test
    void itemsCarryTheCurrentSyncedAt() throws Exception {
        Instant later = Rows.T0.plusSeconds(7200);
        index.touch(List.of("default/skill:pdf-tools"), later);
        assertEquals(later, index.search(SearchRequest.builder().q("pdf-tools").limit(1).build()).items().get(0).syncedAt());
        assertEquals(later, index.get("default", "skill:pdf-tools").orElseThrow().syncedAt());
    }
}
