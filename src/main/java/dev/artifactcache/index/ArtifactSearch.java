package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link SearchRequest} on one searcher: the page, its cursors, the exact total, facets,
 * highlights.
 *
 * <p>A field order (name or date) takes everything from the request's hit sets ({@link HitSets}:
 * only text, freshness and one per artifact are searched, keyword filters are cached bit sets): the
 * total is their cardinality, facets count over them, and the page walks a kept per-segment order
 * testing hit bits ({@link NameOrderPage}, {@link UpdatedOrderPage}): no hit is sorted.
 *
 * <p>A relevance order needs each hit's score. A text of words only reads its hits and their
 * scores from the words' matches ({@link WordHits}), then takes everything from the hit sets as a
 * field order does. Another text search without facet selections gets its page and total in one
 * pass; otherwise the summary comes from the hit sets and the page from a second pass that needs
 * no count.
 *
 * <p>The summary (total and facets) is cached on the searcher: a repeated request (the next page,
 * the same search again) collects only the page. Requests filtering on freshness are not cached:
 * their cut-off moves with the clock.
 */
final class ArtifactSearch {

    private ArtifactSearch() {
    }

    static SearchResult run(ArtifactSearcher searcher, SearchRequest request) throws IOException {
        return run(searcher, request, UpdatedOrderPage.Method.CHEAPEST);
    }

    /** @param dateMethod how date-ordered pages find their candidates (tests force each way) */
    static SearchResult run(ArtifactSearcher searcher, SearchRequest request, UpdatedOrderPage.Method dateMethod)
            throws IOException {
        SortOrder order = request.effectiveSort();
        int fingerprint = CursorCodec.fingerprint(request);
        FieldDoc after = request.after() == null ? null : CursorCodec.decode(request.after(), order, fingerprint);
        ArtifactQuery query = query(searcher, request);
        int wanted = request.limit() + 1; // one more than the page tells whether a next page exists

        ScoreDoc[] hits;
        ArtifactSearcher.Summary summary = cached(searcher, request);
        if (order != SortOrder.RELEVANCE) {
            HitSets sets = HitSets.of(searcher, query);
            summary = summary(searcher, request, sets, summary);
            hits = fieldPage(searcher, query, sets.all(), order, after, wanted, dateMethod);
        } else if (wordsOnly(searcher, query)) {
            WordHits words = WordHits.of(searcher, query.words());
            HitSets sets = HitSets.ofResidual(searcher, query, words.docs());
            summary = summary(searcher, request, sets, summary);
            hits = new RelevancePage(wanted, after).collect(searcher.getIndexReader().leaves(), sets.all().docs(), words::scores).hits();
        } else if (summary == null) {
            PageCollection page = PageCollection.of(searcher, order, wanted, after, countsWithPage(query, request));
            Pass pass = request.facets() ? facetPass(searcher, query, request, page) : countPass(searcher, query, request, page);
            summary = pass.summary;
            store(searcher, request, summary);
            hits = pass.page;
        } else {
            // The total is known: the collector may stop counting and skip non-competitive hits.
            PageCollection page = PageCollection.of(searcher, order, wanted, after, false);
            hits = page.hits(searcher.search(query.all(), page.manager()));
        }
        return result(searcher, request, query, order, fingerprint, hits, summary);
    }

    /** The request's query on this searcher's index: one per artifact filters only where several collections hold live documents. */
    private static ArtifactQuery query(ArtifactSearcher searcher, SearchRequest request) throws IOException {
        return ArtifactQuery.of(request, searcher.freshness().severalCollections());
    }

    /**
     * Whether a relevance page comes from the text's matches without a search ({@link WordHits}):
     * for a text of words only, with no filter but keyword values, on segments sorted by name.
     */
    private static boolean wordsOnly(ArtifactSearcher searcher, ArtifactQuery query) {
        return query.words() != null && query.residualFilters().isEmpty()
                && RelevancePage.applies(searcher.getIndexReader().leaves());
    }

    /** A page in a field order from the hit set, by the kept per-segment orders. */
    private static ScoreDoc[] fieldPage(ArtifactSearcher searcher, ArtifactQuery query, HitSets.HitSet hits, SortOrder order,
                                        FieldDoc after, int wanted, UpdatedOrderPage.Method dateMethod) throws IOException {
        ScoreDoc[] page = switch (order) {
            case NAME, NAME_DESC -> NameOrderPage.collect(searcher, hits, order == SortOrder.NAME_DESC, after, wanted);
            case UPDATED, UPDATED_DESC -> UpdatedOrderPage.collect(searcher, hits, order == SortOrder.UPDATED_DESC, after,
                    wanted, dateMethod);
            case RELEVANCE -> throw new IllegalArgumentException("relevance is no field order");
        };
        if (page == null) {
            // Segments not sorted by name (an index written before the index sort): Lucene's field sort.
            page = searcher.search(query.all(), new TopFieldCollectorManager(SortFields.of(order), wanted, after, wanted)).scoreDocs;
        }
        return page;
    }

    /**
     * Every value of {@code dimension} counted over the request's documents without that
     * dimension's Any-mode selection (the listing's facet counts, not cut to the top 50), plus its
     * selected values; unordered.
     */
    static Map<String, Long> facetValues(ArtifactSearcher searcher, SearchRequest request, FacetDimension dimension,
                                         FacetCounter.Method method) throws IOException {
        HitSets hits = HitSets.of(searcher, query(searcher, request));
        Map<String, Long> counts = new HashMap<>(FacetCounter.values(searcher, dimension, hits.countedFor(dimension), method));
        FacetCounter.selected(request, dimension).forEach(value -> counts.putIfAbsent(value, 0L));
        return counts;
    }

    private static SearchResult result(ArtifactSearcher searcher, SearchRequest request, ArtifactQuery query, SortOrder order,
                                       int fingerprint, ScoreDoc[] hits, ArtifactSearcher.Summary summary) throws IOException {
        int size = Math.min(hits.length, request.limit());
        int[] docs = new int[size];
        for (int i = 0; i < size; i++) {
            docs[i] = hits[i].doc;
        }
        List<ArtifactRow> items = RowReader.read(searcher.getIndexReader(), docs);
        String startCursor = size == 0 ? null : CursorCodec.encode(order, fingerprint, ((FieldDoc) hits[0]).fields);
        String endCursor = size == 0 ? null : CursorCodec.encode(order, fingerprint, ((FieldDoc) hits[size - 1]).fields);
        Map<String, Highlight> highlights = request.highlight() && query.text() != null
                ? MarkHighlighter.highlight(searcher, query.text(), docs, items)
                : Map.of();
        FacetCounts facets = request.facets() ? summary.facets() : FacetCounts.NONE;
        return new SearchResult(items, hits.length > size, startCursor, endCursor, summary.total(), facets, highlights);
    }

    /** {@code cached} when there is one, else the total and facets of {@code sets}, stored for the next identical request. */
    private static ArtifactSearcher.Summary summary(ArtifactSearcher searcher, SearchRequest request, HitSets sets,
                                                    ArtifactSearcher.Summary cached) throws IOException {
        if (cached != null) {
            return cached;
        }
        ArtifactSearcher.Summary summary = new ArtifactSearcher.Summary(sets.all().total(),
                request.facets() ? FacetCounter.count(searcher, sets, request, FacetCounter.Method.CHEAPEST) : null);
        store(searcher, request, summary);
        return summary;
    }

    /** The summary of an earlier identical request on this reader: with facets if asked for. */
    private static ArtifactSearcher.Summary cached(ArtifactSearcher searcher, SearchRequest request) {
        if (request.stale() != null) {
            return null;
        }
        String matching = RequestKey.matching(request);
        ArtifactSearcher.Summary withFacets = searcher.cachedSummary("facets\u0000" + matching);
        if (withFacets != null || request.facets()) {
            return withFacets;
        }
        return searcher.cachedSummary("count\u0000" + matching);
    }

    private static void store(ArtifactSearcher searcher, SearchRequest request, ArtifactSearcher.Summary summary) {
        if (request.stale() == null) {
            searcher.storeSummary((request.facets() ? "facets\u0000" : "count\u0000") + RequestKey.matching(request), summary);
        }
    }

    private record Pass(ArtifactSearcher.Summary summary, ScoreDoc[] page) {
    }

    /**
     * How a relevance page is collected: by {@link RelevancePage} where every segment is sorted by
     * name, else by Lucene's sort.
     *
     * @param manager a {@link RelevancePage} or a {@link TopFieldCollectorManager}
     */
    private record PageCollection(CollectorManager<?, ?> manager) {

        /** @param exactTotal whether the page's collection must count every hit (the field sort may stop counting otherwise) */
        static PageCollection of(ArtifactSearcher searcher, SortOrder order, int wanted, FieldDoc after, boolean exactTotal) {
            if (order == SortOrder.RELEVANCE && RelevancePage.applies(searcher.getIndexReader().leaves())) {
                return new PageCollection(new RelevancePage(wanted, after)); // always counts, at no extra cost
            }
            return new PageCollection(new TopFieldCollectorManager(SortFields.of(order), wanted, after,
                    exactTotal ? Integer.MAX_VALUE : wanted));
        }

        ScoreDoc[] hits(Object collected) {
            return collected instanceof RelevancePage.Page page ? page.hits() : ((TopFieldDocs) collected).scoreDocs;
        }

        /** Every hit's count, when collected with an exact total. */
        long total(Object collected) {
            return collected instanceof RelevancePage.Page page ? page.total() : ((TopFieldDocs) collected).totalHits.value();
        }
    }

    /**
     * Whether the first pass collects the page and its exact total together: for a text search
     * without facet selections (the text is matched once). Else the total comes from bit sets or a
     * count, and the page is collected apart, without counting.
     */
    private static boolean countsWithPage(ArtifactQuery query, SearchRequest request) {
        return query.text() != null && (!request.facets() || query.facetSelections().isEmpty());
    }

    private static Pass countPass(ArtifactSearcher searcher, ArtifactQuery query, SearchRequest request, PageCollection page)
            throws IOException {
        if (!countsWithPage(query, request)) {
            // Without text, the total is the hit sets' cardinality (no search at all for keyword filters).
            long total = query.text() == null ? HitSets.of(searcher, query).all().total() : searcher.count(query.all());
            return new Pass(new ArtifactSearcher.Summary(total, null), page.hits(searcher.search(query.all(), page.manager())));
        }
        Object collected = searcher.search(query.all(), page.manager()); // page built with an exact hit count
        return new Pass(new ArtifactSearcher.Summary(page.total(collected), null), page.hits(collected));
    }

    /**
     * Total, disjunctive facet counts and the page. The counts come from {@link HitSets}; a text
     * search without facet selections collects its hit sets and the page in one pass.
     */
    private static Pass facetPass(ArtifactSearcher searcher, ArtifactQuery query, SearchRequest request,
                                  PageCollection page) throws IOException {
        HitSets hits;
        ScoreDoc[] pageHits;
        if (countsWithPage(query, request)) {
            Object[] results = searcher.search(query.all(), new MultiCollectorManager(new FacetsCollectorManager(), page.manager()));
            hits = HitSets.of(searcher, query, HitSets.bitSets(searcher.getIndexReader().leaves(), (FacetsCollector) results[0]));
            pageHits = page.hits(results[1]);
        } else {
            hits = HitSets.of(searcher, query);
            pageHits = page.hits(searcher.search(query.all(), page.manager()));
        }
        ArtifactSearcher.Summary summary = new ArtifactSearcher.Summary(hits.all().total(),
                FacetCounter.count(searcher, hits, request, FacetCounter.Method.CHEAPEST));
        return new Pass(summary, pageHits);
    }
}
