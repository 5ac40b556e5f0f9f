package dev.artifactcache.observe;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Counts every HTTP answer by route and status class. A filter sees the request before routing,
 * so the route is the path with its ids replaced by the names api.md gives them: one label value
 * per route, however many collections and artifacts there are.
 */
public final class HttpAnswers implements Filter {

    /** Words of the API's paths; any other segment after these is an id. */
    private static final Set<String> LITERALS = Set.of("api", "v1", "user-collections", "artifacts", "cache-stats",
            "refresh-cache", "refresh-metadata", "sync-artifact", "facets");

    private final CacheMetrics metrics;

    public HttpAnswers(CacheMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        try {
            chain.proceed();
        } finally {
            metrics.answered(req.prologue().method().text(), route(req.prologue().uriPath().path()), res.status().code());
        }
    }

    /**
     * {@code /api/v1/user-collections/default/artifacts/skill:x} is
     * {@code /api/v1/user-collections/{collection_id}/artifacts/{artifact_id}}; the page's files are
     * {@code /collection/*}, the observe endpoints keep their path, anything else is {@code other}.
     */
    static String route(String path) {
        if (path.startsWith("/observe/") || path.equals("/")) {
            return path;
        }
        if (path.equals("/collection") || path.startsWith("/collection/")) {
            return "/collection/*";
        }
        if (!path.startsWith("/api/v1/")) {
            return "other";
        }
        List<String> route = new ArrayList<>();
        String previous = "";
        for (String segment : path.substring(1).split("/")) {
            route.add(LITERALS.contains(segment) ? segment : switch (previous) {
                case "user-collections" -> "{collection_id}";
                case "artifacts" -> "{artifact_id}";
                case "facets" -> "{dimension}";
                default -> "{id}";
            });
            previous = segment;
        }
        return "/" + String.join("/", route);
    }
}
