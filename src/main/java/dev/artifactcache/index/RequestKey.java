package dev.artifactcache.index;

import java.util.List;
import java.util.TreeSet;

/** Canonical text forms of a request's parts, for cache keys and cursor fingerprints. */
final class RequestKey {

    private RequestKey() {
    }

    /** What decides the matching set apart from text and freshness: collections, types, tags, tools, origins, one per artifact. */
    static String filters(SearchRequest request) {
        StringBuilder key = new StringBuilder();
        list(key, request.collections());
        list(key, request.types().stream().map(Enum::name).toList());
        field(key, request.tagMode().wire());
        list(key, request.tags());
        field(key, request.toolMode().wire());
        list(key, request.tools());
        list(key, request.origins());
        field(key, String.valueOf(request.onePerArtifact()));
        return key.toString();
    }

    /** What decides the matching set apart from freshness: the filters and the text. */
    static String matching(SearchRequest request) {
        StringBuilder key = new StringBuilder(filters(request));
        field(key, request.q() == null ? "" : request.q());
        return key.toString();
    }

    /**
     * What decides the result set and its order: the filters, the text, the freshness side and the
     * sort; not the page size, facets, highlights, or the stale cut-off (which moves with the clock).
     */
    static String results(SearchRequest request) {
        StringBuilder key = new StringBuilder(matching(request));
        field(key, request.effectiveSort().wire());
        field(key, String.valueOf(request.stale()));
        return key.toString();
    }

    private static void list(StringBuilder key, List<String> values) {
        field(key, String.join("\u0001", new TreeSet<>(values)));
    }

    private static void field(StringBuilder key, String value) {
        key.append(value).append('\u0000');
    }
}
