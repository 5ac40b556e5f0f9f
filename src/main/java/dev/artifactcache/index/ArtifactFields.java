package dev.artifactcache.index;

import org.apache.lucene.document.FieldType;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexOptions;

/** The document schema: field names and types shared by the writer and the searcher. */
final class ArtifactFields {

    /** Unique {@code collection/id}: indexed keyword (update/delete by term) and sorted doc values (tie-break). */
    static final String KEY = "key";
    /** Lower-cased name: sorted doc values for the name sort. */
    static final String NAME_SORT = "name_sort";
    /**
     * Lower-cased whole name as one keyword, for the exact-name bonus. Not the sort field itself:
     * indexed terms there would make the sort's skipping open one postings list per name.
     */
    static final String NAME_EXACT = "name_exact";
    /** Doc values only (never points) so that {@code updateNumericDocValue} can move it. */
    static final String SYNCED_AT = "synced_at";
    /** Doc values for the sort, points so the sort can skip non-competitive documents. */
    static final String UPDATED_AT = "updated_at";
    /**
     * Keyword {@value #SYNC_ERROR} when the last sync failed, {@value #SYNC_WARNING} when it read the artifact with
     * warnings (both can hold), so the meters count documents with problems without reading any row.
     */
    static final String SYNC_STATE = "sync_state";
    static final String SYNC_ERROR = "error";
    static final String SYNC_WARNING = "warning";
    /** The compact binary encoding of everything an item renders ({@link RowCodec}). */
    static final String ROW = "row";

    /** Full-text fields, searched by {@link TextQuery}; analysed by {@link TextAnalysis#INDEX}. */
    static final String NAME = "name";
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String TAGS_TEXT = "tags_text";
    static final String TOOLS_TEXT = "tools_text";

    /**
     * Full-text fields hold no norms, and scores never read frequencies: they are built from
     * constant per-clause weights ({@link TextQuery}), which keeps them independent of corpus
     * statistics. Positions are indexed for quoted phrases (words adjacent, in order).
     */
    static final FieldType TEXT;

    /** Keyword values longer than this are stored but neither filtered nor faceted. */
    static final int MAX_KEYWORD_CHARS = 512;

    static final FacetsConfig FACETS = new FacetsConfig();

    static {
        FieldType text = new FieldType();
        text.setTokenized(true);
        text.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        text.setOmitNorms(true);
        text.setStored(false);
        text.freeze();
        TEXT = text;
        for (FacetDimension dimension : FacetDimension.values()) {
            FACETS.setIndexFieldName(dimension.dim(), dimension.facetField());
            FACETS.setMultiValued(dimension.dim(), dimension.multiValued());
            // Filters use our own keyword fields; the facet module's drill-down terms would be duplicates.
            FACETS.setDrillDownTermsIndexing(dimension.dim(), FacetsConfig.DrillDownTermsIndexing.NONE);
        }
    }

    private ArtifactFields() {
    }

    /** Whether a keyword value can be indexed as a filter term and facet label. */
    static boolean indexableKeyword(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_KEYWORD_CHARS) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false; // the facet module reserves control characters as path delimiters
            }
        }
        return true;
    }
}
