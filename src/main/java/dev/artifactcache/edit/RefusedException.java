package dev.artifactcache.edit;

/**
 * Why a write was not made (an edit of an artifact's files, a change of user collections); nothing
 * was written then. It carries what a route answers: the HTTP status, api.md's error code, the
 * request field at fault (or null) and the detail.
 */
public final class RefusedException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public RefusedException(int status, String code, String field, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
