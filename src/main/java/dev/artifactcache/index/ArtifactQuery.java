package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A request in parts, so that facet counting can treat each Any-mode dimension's filter
 * separately (disjunctive facets). An All-mode selection of tags or tools is a fixed filter: its
 * counts answer "what if I add this value", so they are taken over the whole request's hits.
 *
 * <p>Every filter on keyword values is a {@link Selection}, whose documents come from each
 * segment's cached value sets ({@link HitSets}); only the text, freshness and one-per-artifact
 * filters ({@link #residual()}) need a search. {@link #all()} is the whole request as one Lucene
 * query, for the passes that collect a relevance page; its filters are FILTER clauses: they
 * restrict without scoring.
 *
 * @param text            the scoring full-text query, or null when there is no text
 * @param fixedSelections the keyword filters that always apply (collection, All-mode tags and tools)
 * @param facetSelections per faceted dimension with an Any-mode selection, its selection (at most one each)
 * @param residualFilters the filters that are not keyword values (freshness, one per artifact)
 * @param words           the text as {@link TextQuery.Words} when it is words only, else null
 */
record ArtifactQuery(Query text, List<Selection> fixedSelections, List<Selection> facetSelections,
                     List<Query> residualFilters, TextQuery.Words words) {

    /**
     * A filter on keyword values of one dimension.
     *
     * @param values distinct, sorted, at least one
     * @param all    whether a document needs every value (else any)
     */
    record Selection(FacetDimension dimension, List<String> values, boolean all) {

        /** The selection of {@code values} (any order, repeats allowed), or null when there are none. */
        static Selection of(FacetDimension dimension, Collection<String> values, boolean all) {
            List<String> distinct = List.copyOf(new TreeSet<>(values));
            return distinct.isEmpty() ? null : new Selection(dimension, distinct, all && distinct.size() > 1);
        }

        /** As a Lucene filter. */
        Query query() {
            if (values.size() == 1) {
                return new TermQuery(new Term(dimension.filterField(), values.getFirst()));
            }
            if (!all) {
                return new TermInSetQuery(dimension.filterField(), values.stream().map(BytesRef::new).toList());
            }
            BooleanQuery.Builder every = new BooleanQuery.Builder();
            values.forEach(value -> every.add(new TermQuery(new Term(dimension.filterField(), value)), Occur.FILTER));
            return every.build();
        }
    }

    /**
     * @param severalCollections whether the index may hold live documents of two collections or
     *                           more: with one, every live document is its artifact's only copy, and
     *                           one per artifact filters nothing (nor keeps a request off the paths
     *                           that need no residual filter)
     */
    static ArtifactQuery of(SearchRequest request, boolean severalCollections) {
        List<Selection> fixed = new ArrayList<>();
        List<Selection> facets = new ArrayList<>();
        List<Query> residual = new ArrayList<>();
        add(fixed, Selection.of(FacetDimension.COLLECTION, request.collections(), false));
        if (request.onePerArtifact() && request.collections().isEmpty() && severalCollections) {
            residual.add(OnePerArtifactQuery.INSTANCE);
        }
        if (request.stale() != null) {
            residual.add(staleness(request.stale(), request.staleBefore()));
        }
        add(facets, Selection.of(FacetDimension.TYPE, request.types().stream().map(ArtifactType::wire).toList(), false));
        add(request.tagMode() == MatchMode.ALL ? fixed : facets, Selection.of(FacetDimension.TAGS, request.tags(),
                request.tagMode() == MatchMode.ALL));
        add(request.toolMode() == MatchMode.ALL ? fixed : facets, Selection.of(FacetDimension.TOOLS, request.tools(),
                request.toolMode() == MatchMode.ALL));
        add(facets, Selection.of(FacetDimension.ORIGIN, request.origins(), false));
        TextQuery.Text text = TextQuery.of(request.q());
        return new ArtifactQuery(text.query(), List.copyOf(fixed), List.copyOf(facets), List.copyOf(residual), text.words());
    }

    private static void add(List<Selection> selections, Selection selection) {
        if (selection != null) {
            selections.add(selection);
        }
    }

    /** Documents whose {@code synced_at} is before ({@code stale}) or at/after ({@code !stale}) the cut-off. */
    private static Query staleness(boolean stale, Instant staleBefore) {
        long cutoff = EpochNanos.of(staleBefore);
        if (stale) {
            return cutoff == Long.MIN_VALUE ? new MatchNoDocsQuery("nothing is older than the oldest instant")
                    : NumericDocValuesField.newSlowRangeQuery(ArtifactFields.SYNCED_AT, Long.MIN_VALUE, cutoff - 1);
        }
        return NumericDocValuesField.newSlowRangeQuery(ArtifactFields.SYNCED_AT, cutoff, Long.MAX_VALUE);
    }

    /** The whole query. */
    Query all() {
        List<Query> filters = new ArrayList<>(residualFilters);
        fixedSelections.forEach(selection -> filters.add(selection.query()));
        facetSelections.forEach(selection -> filters.add(selection.query()));
        return combine(text, filters);
    }

    /** The text and the filters that are not keyword values: what {@link HitSets} searches. */
    Query residual() {
        return combine(text, residualFilters);
    }

    private static Query combine(Query text, List<Query> filters) {
        if (text == null && filters.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        if (text != null) {
            query.add(text, Occur.MUST);
        }
        filters.forEach(filter -> query.add(filter, Occur.FILTER));
        return query.build();
    }
}
