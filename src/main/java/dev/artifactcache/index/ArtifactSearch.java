package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Runs one {@link SearchRequest} on one searcher: the page, its cursors, the exact total, facets, highlights. */
final class ArtifactSearch {

    private ArtifactSearch() {
    }

    static SearchResult run(ArtifactSearcher searcher, SearchRequest request) throws IOException {
        SortOrder order = request.effectiveSort();
        int fingerprint = CursorCodec.fingerprint(request);
        FieldDoc after = request.after() == null ? null : CursorCodec.decode(request.after(), order, fingerprint);
        ArtifactQuery query = ArtifactQuery.of(request);
        Query main = query.all();
        Sort sort = SortFields.of(order);
        int wanted = request.limit() + 1; // one more than the page tells whether a next page exists

        TopFieldDocs top;
        long total;
        FacetCounts facets = FacetCounts.NONE;
        if (request.facets()) {
            // Facet hits see every match anyway; they give the exact total for free.
            Object[] results = searcher.search(main, new MultiCollectorManager(
                    new TopFieldCollectorManager(sort, wanted, after, wanted), new FacetsCollectorManager()));
            top = (TopFieldDocs) results[0];
            FacetsCollector hits = (FacetsCollector) results[1];
            total = hits.getMatchingDocs().stream().mapToLong(FacetsCollector.MatchingDocs::totalHits).sum();
            facets = FacetCounter.count(searcher, query, hits, request);
        } else {
            top = searcher.search(main, new TopFieldCollectorManager(sort, wanted, after, Integer.MAX_VALUE));
            total = top.totalHits.value();
        }

        ScoreDoc[] hits = top.scoreDocs;
        int size = Math.min(hits.length, request.limit());
        int[] docs = new int[size];
        for (int i = 0; i < size; i++) {
            docs[i] = hits[i].doc;
        }
        List<ArtifactRow> items = RowReader.read(searcher.getIndexReader(), docs);
        String startCursor = size == 0 ? null : CursorCodec.encode(order, fingerprint, ((FieldDoc) hits[0]).fields);
        String endCursor = size == 0 ? null : CursorCodec.encode(order, fingerprint, ((FieldDoc) hits[size - 1]).fields);
        Map<String, Highlight> highlights = request.highlight() && query.text() != null
                ? MarkHighlighter.highlight(query.text(), items)
                : Map.of();
        return new SearchResult(items, hits.length > size, startCursor, endCursor, total, facets, highlights);
    }
}
