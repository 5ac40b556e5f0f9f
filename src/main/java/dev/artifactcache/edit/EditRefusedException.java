package dev.artifactcache.edit;

/** Why an edit was not made; the files are then as they were. */
public final class EditRefusedException extends Exception {

    /** The kinds of refusal, each with the HTTP status a route answers. */
    public enum Reason {
        /** A value the files cannot take (blank, too long, a comma in a tag, an unknown key): 400. */
        INVALID(400, "invalid_edit"),
        /** No such artifact: 404. */
        NOT_FOUND(404, "artifact_not_found"),
        /** The file is broken or written in a way that cannot be rewritten safely: 409. */
        UNSAFE_FILE(409, "file_not_editable"),
        /** The file changed since the client read it (If-Match): 412. */
        CHANGED(412, "file_changed");

        private final int status;
        private final String code;

        Reason(int status, String code) {
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final String field;

    public EditRefusedException(Reason reason, String field, String detail) {
        super(detail);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
