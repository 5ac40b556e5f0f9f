package dev.artifactcache.http;

import io.helidon.http.Status;

/**
 * A request the API refuses, rendered as the error envelope of api.md:
 * {@code {"error": code, "detail": detail, "field": field}}.
 */
public final class ApiException extends RuntimeException {

    private final Status status;
    private final String code;
    private final String field;

    public ApiException(Status status, String code, String detail, String field) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** 400 for one parameter or body field. */
    public static ApiException badParameter(String field, String detail) {
        return new ApiException(Status.BAD_REQUEST_400, "invalid_parameter", detail, field);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(Status.NOT_FOUND_404, code, detail, null);
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The parameter at fault, or null. */
    public String field() {
        return field;
    }
}
