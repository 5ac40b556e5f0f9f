package dev.artifactcache.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObjectBuilder;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Renders every failure as api.md's error envelope; a 500 never leaks a stack trace. */
public final class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, e) -> send(res, e.status(), e.code(), e.getMessage(), e.field()));
        routing.error(RuntimeException.class, (req, res, e) -> {
            LOG.log(Level.SEVERE, "event=request_failed method=" + req.prologue().method().text()
                    + " path=" + req.path().rawPath(), e);
            send(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error",
                    "The server failed to answer this request; the details are in its log.", null);
        });
    }

    public static void send(ServerResponse res, Status status, String code, String detail, String field) {
        JsonObjectBuilder body = Json.object().add("error", code).add("detail", detail);
        if (field != null) {
            body.add("field", field);
        }
        res.status(status).send(body.build());
    }
}
