package dev.artifactcache.index;

/**
 * The {@code after} cursor cannot be used: it is malformed, was altered, or was issued for a
 * different sort, query or filters. The remedy is always the same: ask for the first page again.
 */
public final class InvalidCursorException extends IllegalArgumentException {

    InvalidCursorException(String reason) {
        super("the cursor in \"after\" " + reason + "; request the first page again without \"after\"");
    }
}
