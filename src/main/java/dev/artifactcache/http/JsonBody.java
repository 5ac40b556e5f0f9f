package dev.artifactcache.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.spi.JsonProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A write route's JSON body and its fields, with the guards of api.md: 413 over
 * {@value #MAX_BYTES} bytes, 415 when the body is not declared JSON, 400 naming the field when it
 * is malformed or a field has the wrong type. No body at all reads as {@code {}}: SkillMeat's CLI
 * posts without one.
 */
final class JsonBody {

    static final int MAX_BYTES = 64 * 1024;
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonBody() {
    }

    static JsonObject read(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        requireJson(contentType(req));
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > MAX_BYTES) {
            throw ErrorResponses.closingConnection(tooLarge());
        }
        byte[] bytes = readAtMost(req.content().inputStream());
        return bytes.length == 0 ? JsonValue.EMPTY_JSON_OBJECT : parse(bytes);
    }

    /** A string field, or null when absent or JSON null. */
    static String text(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw ApiException.badParameter(field, field + " must be a string, got " + value.getValueType().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** A list of strings: a JSON array of strings, or one comma-separated string; empty when absent. */
    static List<String> texts(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value instanceof JsonString string) {
            return Arrays.stream(string.getString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY
                && value.asJsonArray().stream().allMatch(item -> item instanceof JsonString)) {
            return value.asJsonArray().getValuesAs(JsonString.class).stream().map(s -> s.getString().trim())
                    .filter(s -> !s.isEmpty()).distinct().toList();
        }
        throw ApiException.badParameter(field, field + " must be an array of strings, e.g. [\"skill\"]");
    }

    /** A boolean field; false when absent. */
    static boolean flag(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw ApiException.badParameter(field, field + " must be true or false");
    }

    /** The declared type; a header that is no media type ({@code ;}, {@code /}, {@code a/b; charset}) is a 415 naming it. */
    private static Optional<HttpMediaType> contentType(ServerRequest req) {
        try {
            return req.headers().contentType();
        } catch (IllegalArgumentException e) {
            String value = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
            throw unsupported("The Content-Type header \"" + value + "\" is not a media type; send \"Content-Type: application/json\".");
        }
    }

    private static ApiException unsupported(String detail) {
        return new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type", detail, "Content-Type");
    }

    private static void requireJson(Optional<HttpMediaType> type) {
        boolean json = type.map(t -> t.type().equals("application")
                && (t.subtype().equals("json") || t.subtype().endsWith("+json"))).orElse(false);
        if (!json) {
            throw unsupported("The body must be JSON: send it with \"Content-Type: application/json\""
                    + type.map(t -> " (got \"" + t.text() + "\")").orElse(" (no Content-Type was sent)") + ".");
        }
    }

    /**
     * The whole entity, or 413 as soon as it passes the limit (a chunked body declares no length). A refused
     * body is left unread, not closed: closing drains the rest, which a bad chunk size makes wait forever.
     * The error answer then closes the connection ({@link ErrorResponses#closingConnection}).
     */
    private static byte[] readAtMost(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        } catch (IllegalArgumentException e) {
            // The server's chunk reader meets a chunk size that is no hex number ("zz").
            throw ErrorResponses.closingConnection(new ApiException(Status.BAD_REQUEST_400, "invalid_body",
                    "The body's chunked framing is malformed (a chunk size is not a hex number); send it with Content-Length.", "body"));
        }
        if (bytes.length > MAX_BYTES) {
            throw ErrorResponses.closingConnection(tooLarge());
        }
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
        return bytes;
    }

    private static JsonObject parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the body is not UTF-8 text");
        }
        JsonValue value;
        boolean more;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            more = hasMore(parser);
        } catch (RuntimeException e) {
            // JsonParsingException for a syntax error; Parsson's nesting limit (1,000) is a plain RuntimeException.
            throw malformed("the body is not valid JSON (" + e.getMessage() + ")");
        }
        if (more) {
            throw malformed("the body has more after its JSON value; send one JSON object");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw malformed("the body must be a JSON object, e.g. {\"artifact_id\":\"skill:pdf-tools\"}");
        }
        return value.asJsonObject();
    }

    /** Whether anything but white space follows the value. */
    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonException e) {
            return true; // the parser cannot even tokenise what follows
        }
    }

    private static ApiException malformed(String detail) {
        return new ApiException(Status.BAD_REQUEST_400, "invalid_json", detail, "body");
    }

    private static ApiException tooLarge() {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large",
                "The body is larger than " + MAX_BYTES / 1024 + " KiB; send only the fields of the route.", "body");
    }
}
