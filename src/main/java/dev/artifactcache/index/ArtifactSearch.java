package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.taxonomy.TaxonomyReader;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollectorManager;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link SearchRequest} on one searcher: the page, its cursors, the exact total, facets,
 * highlights.
 *
 * <p>Two passes, each as cheap as it can be. The summary (exact total, facets) visits every match
 * without scoring, in one drill-sideways pass when facets are selected, and is cached on the
 * searcher: the next page, or the same search again, reuses it (unless it filters on freshness,
 * whose cut-off moves with the clock). The page then only needs the top hits, so the sort may skip
 * what cannot compete: name orders read the name-sorted segments directly ({@link NameOrderPage}),
 * relevance and update-time orders let Lucene prune by score and by points.
 */
final class ArtifactSearch {

    private ArtifactSearch() {
    }

    static SearchResult run(ArtifactSearcher searcher, SearchRequest request) throws IOException {
        SortOrder order = request.effectiveSort();
        int fingerprint = CursorCodec.fingerprint(request);
        FieldDoc after = request.after() == null ? null : CursorCodec.decode(request.after(), order, fingerprint);
        ArtifactQuery query = ArtifactQuery.of(request);
        ArtifactSearcher.Summary summary = summary(searcher, query, request);
        ScoreDoc[] hits = top(searcher, query, order, after, request.limit() + 1); // one more tells if a next page exists

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

    private static ScoreDoc[] top(ArtifactSearcher searcher, ArtifactQuery query, SortOrder order, FieldDoc after, int wanted)
            throws IOException {
        if (order == SortOrder.NAME || order == SortOrder.NAME_DESC) {
            FieldDoc[] page = NameOrderPage.collect(searcher, query.all(), order == SortOrder.NAME_DESC, after, wanted);
            if (page != null) {
                return page;
            }
        }
        // The total comes from the summary: the collector may stop counting and skip non-competitive hits.
        return searcher.search(query.all(), new TopFieldCollectorManager(SortFields.of(order), wanted, after, wanted)).scoreDocs;
    }

    /** The exact total (and facets, when asked for), from the searcher's cache when the request allows. */
    private static ArtifactSearcher.Summary summary(ArtifactSearcher searcher, ArtifactQuery query, SearchRequest request)
            throws IOException {
        ArtifactSearcher.SummaryComputer computer = request.facets()
                ? () -> facetSummary(searcher, query, request)
                : () -> new ArtifactSearcher.Summary(searcher.count(query.all()), null);
        if (request.stale() != null) {
            return computer.compute();
        }
        String matching = RequestKey.matching(request);
        ArtifactSearcher.Summary withFacets = searcher.cachedSummary("facets\u0000" + matching);
        if (withFacets != null) {
            return withFacets;
        }
        return searcher.summary((request.facets() ? "facets\u0000" : "count\u0000") + matching, computer);
    }

    /**
     * Total and disjunctive facet counts in one pass over the matches. With facet selections, drill
     * sideways also gathers, per selected dimension, the documents missing only that dimension's filter.
     */
    private static ArtifactSearcher.Summary facetSummary(ArtifactSearcher searcher, ArtifactQuery query, SearchRequest request)
            throws IOException {
        FacetsCollector hits;
        Map<FacetDimension, FacetsCollector> sideways = new EnumMap<>(FacetDimension.class);
        if (query.facetFilters().isEmpty()) {
            hits = searcher.search(query.all(), new FacetsCollectorManager());
        } else {
            DrillDownQuery drillDown = new DrillDownQuery(ArtifactFields.FACETS, query.base());
            List<FacetDimension> dimensions = new ArrayList<>(query.facetFilters().keySet());
            List<FacetsCollectorManager> sidewaysManagers = new ArrayList<>();
            for (FacetDimension dimension : dimensions) {
                drillDown.add(dimension.dim(), query.facetFilters().get(dimension));
                sidewaysManagers.add(new FacetsCollectorManager());
            }
            DrillSideways.Result<FacetsCollector, FacetsCollector> result = new DrillSideways(searcher, ArtifactFields.FACETS,
                    (TaxonomyReader) null).search(drillDown, new FacetsCollectorManager(), sidewaysManagers);
            for (int i = 0; i < dimensions.size(); i++) {
                sideways.put(dimensions.get(i), result.drillSidewaysResults().get(i));
            }
            hits = result.drillDownResult();
        }
        long total = hits.getMatchingDocs().stream().mapToLong(FacetsCollector.MatchingDocs::totalHits).sum();
        return new ArtifactSearcher.Summary(total, FacetCounter.count(searcher, hits, sideways, request));
    }
}
