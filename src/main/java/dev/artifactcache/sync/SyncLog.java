package dev.artifactcache.sync;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Structured {@code key=value} log lines with the same numbers the API and metrics report. */
public final class SyncLog {

    private SyncLog() {
    }

    /** e.g. {@code event=population_collection collection=default found=25 created=25 ... ms=12}. */
    public static String line(String event, SyncReport report) {
        StringBuilder line = new StringBuilder("event=").append(event)
                .append(" collection=").append(quoted(report.collection()))
                .append(" found=").append(report.scanned())
                .append(' ').append(counts(report.counts()))
                .append(" ms=").append(report.took().toMillis());
        if (report.manifestError() != null) {
            line.append(" manifest_error=").append(quoted(report.manifestError()));
        }
        if (!report.collectionFound()) {
            line.append(" removed=true");
        }
        return line.toString();
    }

    static String counts(Map<Outcome, Integer> counts) {
        return Stream.of(Outcome.values())
                .map(outcome -> outcome.wire() + "=" + counts.getOrDefault(outcome, 0))
                .collect(Collectors.joining(" "));
    }

    /** Quotes a value that a log shipper would otherwise split. */
    public static String quoted(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '=')) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }
}
