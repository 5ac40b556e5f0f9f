package dev.artifactcache.http;

import io.helidon.cors.CrossOriginConfig;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.cors.CorsSupport;
import io.helidon.webserver.http.ServerRequest;

import java.util.List;
import java.util.Optional;

/**
 * Which web pages may call the API from a browser: the configured origins (SkillMeat's web app by
 * default, see api.md "Security") and the service's own page. Helidon's CORS support answers the
 * preflights and adds the CORS headers; the write routes also refuse a foreign origin themselves
 * ({@link WriteGuard}), since a simple form post needs no preflight.
 */
final class BrowserOrigins {

    /** What SkillMeat's web app sends: JSON bodies, the write token, conditional edits. */
    private static final String[] REQUEST_HEADERS = {"Content-Type", "Authorization", "If-Match", "Accept"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    private static final long PREFLIGHT_CACHE_SECONDS = 600;

    private final List<String> allowed;

    BrowserOrigins(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Helidon's CORS handling for the API routes; with no origin configured, no cross-origin call is allowed. */
    CorsSupport cors() {
        CrossOriginConfig.Builder config = CrossOriginConfig.builder();
        if (allowed.isEmpty()) {
            config.enabled(false);
        } else {
            config.allowOrigins(allowed.toArray(String[]::new))
                    .allowMethods(METHODS)
                    .allowHeaders(REQUEST_HEADERS)
                    .exposeHeaders("ETag", "Retry-After")
                    .maxAgeSeconds(PREFLIGHT_CACHE_SECONDS);
        }
        return CorsSupport.builder().addCrossOrigin(config.build()).build();
    }

    /**
     * The request's {@code Origin} when it names a page that may not call this service, else empty:
     * no {@code Origin} (a command-line client), the service's own page, or a configured origin.
     */
    Optional<String> foreign(ServerRequest req) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty() || allowed.contains(origin.get()) || sameOrigin(origin.get(), req)) {
            return Optional.empty();
        }
        return origin;
    }

    private static boolean sameOrigin(String origin, ServerRequest req) {
        return req.headers().first(HeaderNames.HOST).map(host -> origin.equals("http://" + host)).orElse(false);
    }
}
