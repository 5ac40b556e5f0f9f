package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions on the write routes' answers, shared by their tests. */
final class Answers {

    private static final JsonProvider JSON = JsonProvider.provider();

    private Answers() {
    }

    /** The JSON object of a 200 answer. */
    static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return RunningService.json(response.body());
    }

    /** The object without the keys whose values depend on timing (took_ms, duration_seconds). */
    static JsonObject untimed(JsonObject object) {
        return JSON.createObjectBuilder(object).remove("took_ms").remove("duration_seconds").build();
    }

    /** The 200 answer without its timing keys, compared with the expected JSON text. */
    static void assertOk(String expectedJson, HttpResponse<String> response) {
        assertEquals(RunningService.json(expectedJson), untimed(ok(response)));
    }

    /** An error envelope with exactly these values (field may be null when the envelope has none). */
    static void assertError(int status, String code, String detail, String field, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        var expected = JSON.createObjectBuilder().add("error", code).add("detail", detail);
        if (field != null) {
            expected.add("field", field);
        }
        assertEquals(expected.build(), RunningService.json(response.body()));
    }

    static boolean isNull(JsonObject object, String key) {
        return object.get(key) == JsonValue.NULL;
    }
}
