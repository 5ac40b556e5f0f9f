package dev.artifactcache.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1Config;

import java.util.Optional;

/**
 * The HTTP layer's limits and the checks every request passes before its route, so that a
 * malformed request gets api.md's error envelope naming what is wrong, at once.
 *
 * <p>Helidon's own query validation is off: it refuses a plain {@code :} (legal in a query, and
 * what {@code ?q=mcp:github} sends) and answers in plain text. {@link #checkQuery} checks the one
 * thing that matters, that every {@code %} starts an escape, and names the parameter.
 */
public final class RequestChecks {

    /** The longest request line (method, path, query, version) read: long searches fit, far more is refused with 414. */
    public static final int MAX_REQUEST_LINE_BYTES = 16 * 1024;

    private RequestChecks() {
    }

    /** HTTP/1.1 with the request-line limit above and without Helidon's query validation. */
    public static Http1Config http1() {
        return Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE_BYTES).validatePrologue(false).build();
    }

    static void register(HttpRouting.Builder routing) {
        routing.addFilter(RequestChecks::check);
    }

    private static void check(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.headers().first(HeaderNames.CONTENT_LENGTH).ifPresent(RequestChecks::checkContentLength);
        checkQuery(req.query().rawValue()).ifPresent(parameter -> {
            throw ApiException.badParameter(parameter, "The query parameter \"" + parameter + "\" has a % that does not start"
                    + " an escape such as %20; write a literal % as %25.");
        });
        chain.proceed();
    }

    /** A negative or unreadable length would leave the server waiting for a body that never comes. */
    private static void checkContentLength(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ErrorResponses.closingConnection(new ApiException(Status.BAD_REQUEST_400, "invalid_header",
                    "Content-Length must be a whole number of bytes, got \"" + value + "\".", "Content-Length"));
        }
    }

    /** The (raw) name of the first parameter whose name or value has a {@code %} not followed by two hex digits. */
    static Optional<String> checkQuery(String rawQuery) {
        for (String pair : rawQuery.split("&")) {
            for (int i = pair.indexOf('%'); i >= 0; i = pair.indexOf('%', i + 1)) {
                if (i + 2 >= pair.length() || !isHex(pair.charAt(i + 1)) || !isHex(pair.charAt(i + 2))) {
                    int equals = pair.indexOf('=');
                    return Optional.of(equals < 0 ? pair : pair.substring(0, equals));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
