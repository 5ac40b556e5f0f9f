package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactType;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One listing or search: everything of api.md's listing parameters, already parsed. Build one with
 * {@link #builder()}; every component has a sensible default.
 *
 * @param collections the collections to search; empty means all
 * @param types       artifact types (OR); empty means all
 * @param q           free text, or null; any text is accepted (it is never parsed as query syntax)
 * @param tags        tag values, exact and case-sensitive; empty means no tag filter
 * @param tagMode     {@link MatchMode#ANY} (default) or {@link MatchMode#ALL} for {@code tags}
 * @param tools       tool names, exact and case-sensitive; empty means no tool filter
 * @param toolMode    {@link MatchMode#ANY} (default) or {@link MatchMode#ALL} for {@code tools}
 * @param origins     {@code local}, {@code github}, {@code marketplace} (OR); empty means all
 * @param stale       true: only documents with {@code synced_at < staleBefore}; false: only the
 *                    others; null: no freshness filter
 * @param staleBefore the staleness cut-off ({@code now - ttl}); required when {@code stale} is set
 * @param sort        the order, or null for the default: {@link SortOrder#RELEVANCE} when {@code q}
 *                    has text, else {@link SortOrder#NAME}
 * @param limit       page size, 1..{@value #MAX_LIMIT}
 * @param after       the {@code endCursor} of the previous page, or null for the first page
 * @param facets      whether to count facets (type, tags, tools, origin; disjunctive in Any mode, "if added" in All mode)
 * @param highlight   whether to return {@code <mark>}ed name/description fragments
 * @param onePerArtifact whether an artifact held by several collections matches once (in the
 *                    collection first by name) rather than once per collection
 */
public record SearchRequest(
        List<String> collections,
        List<ArtifactType> types,
        String q,
        List<String> tags,
        MatchMode tagMode,
        List<String> tools,
        MatchMode toolMode,
        List<String> origins,
        Boolean stale,
        Instant staleBefore,
        SortOrder sort,
        int limit,
        String after,
        boolean facets,
        boolean highlight,
        boolean onePerArtifact) {

    public static final int DEFAULT_LIMIT = 20;
    /** The engine's own bound; the HTTP API allows less. */
    public static final int MAX_LIMIT = 1000;

    /**
     * @throws IllegalArgumentException when {@code limit} is out of range, or {@code stale} is set
     *                                  without {@code staleBefore}
     */
    public SearchRequest {
        collections = copy(collections);
        types = copy(types);
        tags = copy(tags);
        tools = copy(tools);
        origins = copy(origins);
        q = q == null || q.isBlank() ? null : q.strip();
        after = after == null || after.isBlank() ? null : after;
        tagMode = tagMode == null ? MatchMode.ANY : tagMode;
        toolMode = toolMode == null ? MatchMode.ANY : toolMode;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (stale != null && staleBefore == null) {
            throw new IllegalArgumentException("a stale filter needs staleBefore (now minus the TTL)");
        }
    }

    /** The order actually used: {@code sort}, or the default for this request. */
    public SortOrder effectiveSort() {
        if (sort != null) {
            return sort;
        }
        return q != null ? SortOrder.RELEVANCE : SortOrder.NAME;
    }

    /** The same request for the page after {@code cursor}. */
    public SearchRequest withAfter(String cursor) {
        return new SearchRequest(collections, types, q, tags, tagMode, tools, toolMode, origins, stale, staleBefore, sort,
                limit, cursor, facets, highlight, onePerArtifact);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static <T> List<T> copy(List<T> values) {
        if (values == null) {
            return List.of();
        }
        values.forEach(v -> Objects.requireNonNull(v, "filter values must not be null"));
        return List.copyOf(values);
    }

    /** Fluent construction; unset components take the record's defaults. */
    public static final class Builder {
        private List<String> collections = List.of();
        private List<ArtifactType> types = List.of();
        private String q;
        private List<String> tags = List.of();
        private MatchMode tagMode = MatchMode.ANY;
        private List<String> tools = List.of();
        private MatchMode toolMode = MatchMode.ANY;
        private List<String> origins = List.of();
        private Boolean stale;
        private Instant staleBefore;
        private SortOrder sort;
        private int limit = DEFAULT_LIMIT;
        private String after;
        private boolean facets;
        private boolean highlight;
        private boolean onePerArtifact;

        private Builder() {
        }

        public Builder collections(List<String> values) {
            this.collections = values;
            return this;
        }

        public Builder collections(String... values) {
            return collections(Arrays.asList(values));
        }

        public Builder types(List<ArtifactType> values) {
            this.types = values;
            return this;
        }

        public Builder types(ArtifactType... values) {
            return types(Arrays.asList(values));
        }

        public Builder q(String text) {
            this.q = text;
            return this;
        }

        public Builder tags(MatchMode mode, List<String> values) {
            this.tagMode = mode;
            this.tags = values;
            return this;
        }

        public Builder tags(MatchMode mode, String... values) {
            return tags(mode, Arrays.asList(values));
        }

        public Builder tools(MatchMode mode, List<String> values) {
            this.toolMode = mode;
            this.tools = values;
            return this;
        }

        public Builder tools(MatchMode mode, String... values) {
            return tools(mode, Arrays.asList(values));
        }

        public Builder origins(List<String> values) {
            this.origins = values;
            return this;
        }

        public Builder origins(String... values) {
            return origins(Arrays.asList(values));
        }

        /** Only stale ({@code true}) or only fresh ({@code false}) documents, relative to {@code staleBefore}. */
        public Builder stale(Boolean onlyStale, Instant staleBefore) {
            this.stale = onlyStale;
            this.staleBefore = staleBefore;
            return this;
        }

        public Builder sort(SortOrder order) {
            this.sort = order;
            return this;
        }

        public Builder limit(int size) {
            this.limit = size;
            return this;
        }

        public Builder after(String cursor) {
            this.after = cursor;
            return this;
        }

        public Builder facets(boolean on) {
            this.facets = on;
            return this;
        }

        public Builder highlight(boolean on) {
            this.highlight = on;
            return this;
        }

        public Builder onePerArtifact(boolean on) {
            this.onePerArtifact = on;
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(collections, types, q, tags, tagMode, tools, toolMode, origins, stale, staleBefore,
                    sort, limit, after, facets, highlight, onePerArtifact);
        }
    }
}
