package dev.artifactcache.index;

/**
 * The faceted keyword fields. Each has its own sorted-set doc-values field (so one dimension can
 * be counted without touching the others) and its own indexed keyword field for filters.
 */
enum FacetDimension {
    TYPE("type", false, Integer.MAX_VALUE),
    TAGS("tags", true, 50),
    TOOLS("tools", true, 50),
    ORIGIN("origin", false, Integer.MAX_VALUE),
    /** Not offered as a search facet; its values are read for {@link ArtifactIndex#collections} and freshness. */
    COLLECTION("collection", false, Integer.MAX_VALUE);

    /** The dimensions a search can return counts for, in response order. */
    static final FacetDimension[] SEARCHABLE = {TYPE, TAGS, TOOLS, ORIGIN};

    private final String dim;
    private final boolean multiValued;
    private final int topN;

    FacetDimension(String dim, boolean multiValued, int topN) {
        this.dim = dim;
        this.multiValued = multiValued;
        this.topN = topN;
    }

    /** The facet dimension name, also the key in the response's facet map. */
    String dim() {
        return dim;
    }

    /** The indexed keyword field that filters use: exact, case-sensitive values. */
    String filterField() {
        return "f_" + dim;
    }

    /** The sorted-set doc-values field holding this dimension's facet ordinals. */
    String facetField() {
        return "facet_" + dim;
    }

    boolean multiValued() {
        return multiValued;
    }

    /** How many values a count returns at most. */
    int topN() {
        return topN;
    }
}
