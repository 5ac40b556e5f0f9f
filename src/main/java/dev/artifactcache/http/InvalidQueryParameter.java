package dev.artifactcache.http;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;

import java.util.Locale;

/**
 * A query parameter of a SkillMeat route out of its declared type or range: 422 with the body
 * SkillMeat's FastAPI server sends ({@code detail} a list of {@code {loc, msg, type}}), so its
 * client reads it unchanged; {@code error}, {@code field} and {@code message} keep api.md's envelope
 * readable for everyone else.
 */
final class InvalidQueryParameter extends RuntimeException {

    private static final Status UNPROCESSABLE = Status.create(422, "Unprocessable Entity");

    private final String parameter;
    private final String type;

    /**
     * @param message what is wrong, as a sentence naming the parameter
     * @param type    FastAPI's error type, e.g. {@code greater_than_equal}, {@code int_parsing}
     */
    InvalidQueryParameter(String parameter, String message, String type) {
        super(message);
        this.parameter = parameter;
        this.type = type;
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when the parameter is absent. */
    static int boundedInt(Parameters query, String name, int fallback, int min, int max) {
        String text = query.first(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidQueryParameter(name, name + " must be a whole number from " + min + " to " + max
                    + ", got \"" + text + "\"", "int_parsing");
        }
        if (value < min) {
            throw new InvalidQueryParameter(name, name + " must be at least " + min + ", got " + value, "greater_than_equal");
        }
        if (value > max) {
            throw new InvalidQueryParameter(name, name + " must be at most " + max + ", got " + value, "less_than_equal");
        }
        return value;
    }

    /** {@code true}/{@code false} (and FastAPI's other spellings), or {@code fallback} when absent. */
    static boolean bool(Parameters query, String name, boolean fallback) {
        String text = query.first(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidQueryParameter(name, name + " must be true or false, got \"" + text + "\"", "bool_parsing");
        };
    }

    void send(ServerResponse res) {
        JsonObject problem = Json.object()
                .add("loc", Json.array().add("query").add(parameter))
                .add("msg", getMessage())
                .add("type", type)
                .build();
        res.status(UNPROCESSABLE).send(Json.object()
                .add("error", "invalid_parameter")
                .add("detail", Json.array().add(problem))
                .add("field", parameter)
                .add("message", getMessage())
                .build());
    }
}
