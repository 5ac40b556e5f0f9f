package dev.artifactcache.index;

import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * An index searcher that carries what is costly to derive from its reader: the facet module's
 * per-dimension ordinal state, built on first use and then shared by every search on this reader.
 * A refresh makes a new searcher, so nothing here is ever stale.
 */
final class ArtifactSearcher extends IndexSearcher {

    /** Makes one per refreshed reader (SearcherManager calls it). */
    static final SearcherFactory FACTORY = new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
            return new ArtifactSearcher(reader);
        }
    };

    private volatile Map<FacetDimension, SortedSetDocValuesReaderState> facetStates;

    ArtifactSearcher(IndexReader reader) {
        super(reader);
    }

    /** The ordinal state of {@code dimension}, or null when no document has a value for it. */
    SortedSetDocValuesReaderState facetState(FacetDimension dimension) throws IOException {
        Map<FacetDimension, SortedSetDocValuesReaderState> states = facetStates;
        if (states == null) {
            states = buildFacetStates();
        }
        return states.get(dimension);
    }

    private synchronized Map<FacetDimension, SortedSetDocValuesReaderState> buildFacetStates() throws IOException {
        if (facetStates == null) {
            Map<FacetDimension, SortedSetDocValuesReaderState> states = new EnumMap<>(FacetDimension.class);
            for (FacetDimension dimension : FacetDimension.values()) {
                if (hasField(dimension.facetField())) {
                    states.put(dimension, new DefaultSortedSetDocValuesReaderState(getIndexReader(), dimension.facetField(), ArtifactFields.FACETS));
                }
            }
            facetStates = states;
        }
        return facetStates;
    }

    private boolean hasField(String field) {
        for (LeafReaderContext leaf : getIndexReader().leaves()) {
            if (leaf.reader().getFieldInfos().fieldInfo(field) != null) {
                return true;
            }
        }
        return false;
    }
}
