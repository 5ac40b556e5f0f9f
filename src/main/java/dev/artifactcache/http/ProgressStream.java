package dev.artifactcache.http;

import dev.artifactcache.sync.BatchProgress;
import dev.artifactcache.sync.BatchReport;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The answer of a batch route to a client that asks for progress with
 * {@code Accept: application/x-ndjson}: newline-delimited JSON, one
 * {@code {"progress":{"scanned":s,"total":t,"collections_done":c,"collections":k}}} line before
 * the first collection, after each chunk of artifacts written and after each collection (see
 * {@link BatchProgress}), then the route's usual result object as the last line. A failure after
 * the first line can no longer change the status, so it becomes a last line with the error
 * envelope. A client that asks for JSON, or for anything ({@code *}{@code /*}), gets the plain
 * answer.
 */
final class ProgressStream {

    static final String MEDIA_TYPE = "application/x-ndjson";
    private static final Logger LOG = Logger.getLogger(ProgressStream.class.getName());

    private final OutputStream out;
    private boolean clientGone;

    private ProgressStream(OutputStream out) {
        this.out = out;
    }

    /** Whether the client named NDJSON in its Accept header (a wildcard does not count). */
    static boolean requested(ServerRequest req) {
        return req.headers().acceptedTypes().stream()
                .anyMatch(type -> type.qualityFactor() > 0 && type.type().equals("application")
                        && type.subtype().equals("x-ndjson"));
    }

    /**
     * Runs {@code batch} and streams its progress, then {@code result} of its report.
     *
     * @param batch  the batch, given the listener of its progress
     * @param result the route's usual answer
     */
    static void send(ServerResponse res, Function<Consumer<BatchProgress>, BatchReport> batch,
                     Function<BatchReport, JsonObject> result) {
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        ProgressStream stream = new ProgressStream(res.outputStream());
        try {
            stream.line(result.apply(batch.apply(stream::progress)));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "event=refresh_stream_failed", e);
            stream.line(Json.object().add("error", "internal_error").add("detail", "The refresh failed in the server "
                    + "(its log has the details); the artifacts synced before the failure stay synced.").build());
        }
        stream.close();
    }

    private void progress(BatchProgress progress) {
        line(Json.object().add("progress", Json.object()
                .add("scanned", progress.scanned())
                .add("total", progress.total())
                .add("collections_done", progress.collectionsDone())
                .add("collections", progress.collections())).build());
    }

    /** Writes and flushes one line; once the client is gone the batch goes on without it. */
    private void line(JsonObject object) {
        if (clientGone) {
            return;
        }
        try {
            out.write((object.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            // A client that stopped listening (Ctrl-C) does not stop the refresh it asked for.
            clientGone = true;
            LOG.fine(() -> "event=refresh_client_gone reason=\"" + e.getMessage() + "\"");
        }
    }

    private void close() {
        try {
            out.close();
        } catch (IOException | UncheckedIOException e) {
            LOG.fine(() -> "event=refresh_client_gone reason=\"" + e.getMessage() + "\"");
        }
    }
}
