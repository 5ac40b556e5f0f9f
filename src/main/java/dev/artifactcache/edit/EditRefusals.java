package dev.artifactcache.edit;

/** The refusals of an edit, each with its status and code; the files are then as they were. */
final class EditRefusals {

    private EditRefusals() {
    }

    /** A value the files cannot take (blank, too long, a comma in a tag, an unknown key). */
    static RefusedException invalid(String field, String detail) {
        return new RefusedException(400, "invalid_edit", field, detail);
    }

    /** No such artifact or collection. */
    static RefusedException notFound(String field, String detail) {
        return new RefusedException(404, "artifact_not_found", field, detail);
    }

    /** The file is broken or written in a way that cannot be rewritten safely. */
    static RefusedException unsafeFile(String detail) {
        return new RefusedException(409, "file_not_editable", null, detail);
    }

    /** The file changed since the client read it (If-Match). */
    static RefusedException changed(String detail) {
        return new RefusedException(412, "file_changed", "If-Match", detail);
    }
}
