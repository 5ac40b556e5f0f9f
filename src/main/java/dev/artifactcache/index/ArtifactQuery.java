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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A request as Lucene queries, kept in parts so that facet counting can treat each Any-mode
 * dimension's filter separately (disjunctive facets). An All-mode selection of tags or tools is a
 * fixed filter: its counts answer "what if I add this value", so they are taken over the whole
 * request's hits. Filters are FILTER clauses: they restrict without scoring.
 *
 * <p>Every filter on a keyword value is also kept as a {@link Selection}, so that hit sets can be
 * made from each value's cached documents ({@link HitSets}); only the text, freshness and
 * one-per-artifact filters ({@link #residual()}) need a search.
 *
 * @param text            the scoring full-text query, or null when there is no text
 * @param fixedFilters    filters that always apply (collection, freshness, All-mode tags and tools)
 * @param facetFilters    the filter of each faceted dimension that has an Any-mode selection
 * @param fixedSelections the keyword-value filters among {@code fixedFilters}
 * @param facetSelections the selected values behind each of {@code facetFilters}, distinct
 * @param residualFilters the filters among {@code fixedFilters} that are not keyword values
 */
record ArtifactQuery(Query text, List<Query> fixedFilters, Map<FacetDimension, Query> facetFilters,
                     List<Selection> fixedSelections, Map<FacetDimension, List<String>> facetSelections,
                     List<Query> residualFilters) {

    /**
     * A filter on keyword values of one dimension.
     *
     * @param values distinct, sorted
     * @param all    whether a document needs every value (else any)
     */
    record Selection(FacetDimension dimension, List<String> values, boolean all) {
    }

    static ArtifactQuery of(SearchRequest request) {
        List<Query> fixed = new ArrayList<>();
        List<Selection> fixedSelections = new ArrayList<>();
        List<Query> residual = new ArrayList<>();
        anyOf(FacetDimension.COLLECTION, request.collections()).ifPresent(query -> {
            fixed.add(query);
            fixedSelections.add(new Selection(FacetDimension.COLLECTION, distinct(request.collections()), false));
        });
        if (request.onePerArtifact() && request.collections().isEmpty()) {
            fixed.add(OnePerArtifactQuery.INSTANCE);
            residual.add(OnePerArtifactQuery.INSTANCE);
        }
        if (request.stale() != null) {
            Query staleness = staleness(request.stale(), request.staleBefore());
            fixed.add(staleness);
            residual.add(staleness);
        }
        Map<FacetDimension, Query> facets = new EnumMap<>(FacetDimension.class);
        anyOf(FacetDimension.TYPE, request.types().stream().map(ArtifactType::wire).toList())
                .ifPresent(q -> facets.put(FacetDimension.TYPE, q));
        select(FacetDimension.TAGS, request.tags(), request.tagMode(), fixed, facets);
        select(FacetDimension.TOOLS, request.tools(), request.toolMode(), fixed, facets);
        anyOf(FacetDimension.ORIGIN, request.origins()).ifPresent(q -> facets.put(FacetDimension.ORIGIN, q));
        Map<FacetDimension, List<String>> facetSelections = new EnumMap<>(FacetDimension.class);
        facets.keySet().forEach(dimension -> facetSelections.put(dimension, distinct(FacetCounter.selected(request, dimension))));
        if (request.tagMode() == MatchMode.ALL && !request.tags().isEmpty()) {
            fixedSelections.add(new Selection(FacetDimension.TAGS, distinct(request.tags()), true));
        }
        if (request.toolMode() == MatchMode.ALL && !request.tools().isEmpty()) {
            fixedSelections.add(new Selection(FacetDimension.TOOLS, distinct(request.tools()), true));
        }
        return new ArtifactQuery(TextQuery.build(request.q()), List.copyOf(fixed), facets, List.copyOf(fixedSelections),
                facetSelections, List.copyOf(residual));
    }

    private static List<String> distinct(Collection<String> values) {
        return List.copyOf(new TreeSet<>(values));
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
        List<Query> filters = new ArrayList<>(fixedFilters);
        filters.addAll(facetFilters.values());
        return combine(text, filters);
    }

    /** The text and the filters that are not keyword values: what {@link HitSets} searches. */
    Query residual() {
        return combine(text, residualFilters);
    }

    /** The text and the filters that are not facets: what disjunctive counting starts from ({@link HitSets}). */
    Query base() {
        return combine(text, fixedFilters);
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

    /** Adds the filter of a tags or tools selection: a fixed filter in All mode, a facet filter in Any mode. */
    private static void select(FacetDimension dimension, List<String> values, MatchMode mode, List<Query> fixed,
                               Map<FacetDimension, Query> facets) {
        Optional<Query> filter = mode == MatchMode.ANY || values.size() < 2 ? anyOf(dimension, values) : Optional.of(allOf(dimension, values));
        filter.ifPresent(query -> {
            if (mode == MatchMode.ALL) {
                fixed.add(query);
            } else {
                facets.put(dimension, query);
            }
        });
    }

    private static Query allOf(FacetDimension dimension, List<String> values) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String value : new TreeSet<>(values)) {
            all.add(new TermQuery(new Term(dimension.filterField(), value)), Occur.FILTER);
        }
        return all.build();
    }

    private static Optional<Query> anyOf(FacetDimension dimension, Collection<String> values) {
        TreeSet<String> distinct = new TreeSet<>(values);
        if (distinct.isEmpty()) {
            return Optional.empty();
        }
        if (distinct.size() == 1) {
            return Optional.of(new TermQuery(new Term(dimension.filterField(), distinct.first())));
        }
        return Optional.of(new TermInSetQuery(dimension.filterField(), distinct.stream().map(BytesRef::new).toList()));
    }
}
