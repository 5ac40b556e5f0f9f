package dev.artifactcache.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Renders every failure as api.md's error envelope; a 500 never leaks a stack trace. */
public final class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    public static void register(HttpRouting.Builder routing) {
        RequestChecks.register(routing);
        routing.error(ApiException.class, (req, res, e) -> send(res, e.status(), e.code(), e.getMessage(), e.field()));
        routing.error(InvalidQueryParameter.class, (req, res, e) -> e.send(res));
        // Helidon signals ordinary outcomes with HttpException too (no route: 404; a static file's
        // conditional GET: 304 with its ETag); without this they would fall into the 500 below.
        routing.error(HttpException.class, (req, res, e) -> {
            if (e.status().code() >= 400) {
                send(res, e.status(), code(e.status()), detail(req, e), null);
            } else {
                e.headers().forEach(res::header);
                res.status(e.status()).send();
            }
        });
        routing.error(RuntimeException.class, (req, res, e) -> {
            LOG.log(Level.SEVERE, "event=request_failed method=" + req.prologue().method().text()
                    + " path=" + req.path().rawPath(), e);
            send(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error",
                    "The server failed to answer this request; the details are in its log.", null);
        });
    }

    /** {@code Not Found} becomes {@code not_found}. */
    static String code(Status status) {
        return status.reasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    private static String detail(ServerRequest req, HttpException e) {
        if (e.status().code() == Status.NOT_FOUND_404.code()) {
            return "Nothing is served at " + req.prologue().uriPath().rawPath() + "; the API is under /api/v1 and the page at /collection.";
        }
        return e.getMessage();
    }

    public static void send(ServerResponse res, Status status, String code, String detail, String field) {
        res.status(status).send(envelope(code, detail, field));
    }

    /**
     * {@code refusal} as a request the server must answer and then close the connection: the body was left
     * unread (too large, a bad chunk size or Content-Length), so what follows on the connection is no request,
     * and draining it could wait forever. {@link TransportErrors} renders it with the same envelope.
     */
    static RequestException closingConnection(ApiException refusal) {
        return RequestException.builder().type(DirectHandler.EventType.BAD_REQUEST).status(refusal.status())
                .message(refusal.getMessage()).cause(refusal).setKeepAlive(false).build();
    }

    /** api.md's error body: {@code {"error","detail"}} plus {@code "field"} when one input is at fault. */
    static JsonObject envelope(String code, String detail, String field) {
        JsonObjectBuilder body = Json.object().add("error", code).add("detail", detail);
        if (field != null) {
            body.add("field", field);
        }
        return body.build();
    }
}
