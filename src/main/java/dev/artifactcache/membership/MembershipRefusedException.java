package dev.artifactcache.membership;

/** Why a change of user collections was not made; nothing was written then. */
public final class MembershipRefusedException extends RuntimeException {

    /** The kinds of refusal, each with the HTTP status a route answers and its error code. */
    public enum Reason {
        INVALID(400, "invalid_request"),
        NOT_FOUND(404, "collection_not_found"),
        MEMBER_NOT_FOUND(404, "artifact_not_found"),
        NAME_TAKEN(409, "name_taken"),
        FILE_COLLECTION(409, "file_collection");

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

    public MembershipRefusedException(Reason reason, String field, String detail) {
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
