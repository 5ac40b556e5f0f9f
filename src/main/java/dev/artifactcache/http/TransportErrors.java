package dev.artifactcache.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import jakarta.json.JsonObject;

import java.nio.charset.StandardCharsets;

/**
 * The answers the HTTP layer gives itself, before any route runs (a header without a colon, a
 * request line over the limit, an unreadable {@code Accept}): api.md's error envelope instead of
 * Helidon's plain text, which echoes the request as a hex dump.
 */
public final class TransportErrors implements DirectHandler {

    private static final int MAX_DETAIL_CHARS = 200;

    private TransportErrors() {
    }

    /** This handler for every kind of event the server answers directly. */
    public static DirectHandlers handlers() {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        TransportErrors handler = new TransportErrors();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        return response(status, headers, envelope(status, message == null ? "" : message));
    }

    /** A refusal from this service's own checks ({@link ErrorResponses#closingConnection}) keeps its envelope. */
    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) {
                return response(refusal.status(), headers,
                        ErrorResponses.envelope(refusal.code(), refusal.getMessage(), refusal.field()));
            }
        }
        return handle(request, eventType, status, headers, thrown == null ? "" : thrown.getMessage());
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, Throwable thrown, System.Logger logger) {
        return handle(request, eventType, status, headers, thrown);
    }

    private static TransportResponse response(Status status, ServerResponseHeaders headers, JsonObject envelope) {
        headers.set(HeaderValues.CONTENT_TYPE_JSON);
        // The request could not be read to its end: the connection cannot carry another one.
        return TransportResponse.builder().status(status).headers(headers).keepAlive(false)
                .entity(envelope.toString().getBytes(StandardCharsets.UTF_8)).build();
    }

    private static JsonObject envelope(Status status, String message) {
        if (status.code() == Status.REQUEST_URI_TOO_LONG_414.code()) {
            return ErrorResponses.envelope("uri_too_long", "The request line is longer than " + RequestChecks.MAX_REQUEST_LINE_BYTES
                    + " bytes (16 KiB), the limit; send a shorter query.", null);
        }
        if (message.contains("Accept header")) {
            return ErrorResponses.envelope("invalid_header", "The Accept header cannot be read as media types;"
                    + " send \"Accept: application/json\" or no Accept header.", "Accept");
        }
        if (message.contains("missing colon")) {
            return ErrorResponses.envelope("invalid_header", "A header line has no colon; every header is \"Name: value\".", null);
        }
        return ErrorResponses.envelope(ErrorResponses.code(status), "The request is not valid HTTP: " + firstLine(message) + ".", null);
    }

    /** Helidon's message without the hex dump of the request that follows its first words. */
    private static String firstLine(String message) {
        int end = message.length();
        for (String start : new String[] {"\n", "\r", "+-", "|"}) {
            int at = message.indexOf(start);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        String line = message.substring(0, end).strip();
        line = line.endsWith(":") || line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
        return line.length() > MAX_DETAIL_CHARS ? line.substring(0, MAX_DETAIL_CHARS) + "…" : line;
    }
}
