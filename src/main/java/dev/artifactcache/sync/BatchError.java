package dev.artifactcache.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * One problem met by a batch: an artifact that failed, or a collection whose manifest could not be read.
 *
 * @param collection the collection's folder name
 * @param artifactId {@code "<type>:<name>"} (or the manifest position of an entry without a valid id);
 *                   null when the whole collection's manifest is at fault
 * @param detail     what is wrong, naming the file and line or field
 */
public record BatchError(String collection, String artifactId, String detail) {

    /** The problems of one collection's sync: its manifest error first, then each failed artifact. */
    public static List<BatchError> of(SyncReport report) {
        List<BatchError> errors = new ArrayList<>(report.errors().size() + 1);
        if (report.manifestError() != null) {
            errors.add(new BatchError(report.collection(), null, report.manifestError()));
        }
        report.errors().forEach(error -> errors.add(new BatchError(report.collection(), error.artifactId(), error.detail())));
        return errors;
    }

    /** One line for people: {@code "skill:x: detail"}, or just the detail for a manifest error. */
    public String line() {
        return artifactId == null ? detail : artifactId + ": " + detail;
    }
}
