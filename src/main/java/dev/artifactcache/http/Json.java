package dev.artifactcache.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import java.time.Instant;
import java.util.Collection;

/** JSON-P builders from one provider, looked up once (the static {@code jakarta.json.Json} looks it up per call). */
final class Json {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Json() {
    }

    static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    /** A builder that starts as a copy of {@code object}. */
    static JsonObjectBuilder object(jakarta.json.JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    static JsonArrayBuilder array(Collection<String> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /** Adds {@code value}, or JSON null when it is null. */
    static JsonObjectBuilder text(JsonObjectBuilder object, String key, String value) {
        return value == null ? object.addNull(key) : object.add(key, value);
    }

    /** ISO-8601 UTC with {@code Z}, or JSON null. */
    static JsonObjectBuilder time(JsonObjectBuilder object, String key, Instant value) {
        return value == null ? object.addNull(key) : object.add(key, value.toString());
    }

    /** Milliseconds since {@code startedNanos}, with microsecond resolution. */
    static double tookMs(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000.0) / 1_000.0;
    }
}
