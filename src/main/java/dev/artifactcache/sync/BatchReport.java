package dev.artifactcache.sync;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a sync of several collections, or of chosen artifacts across collections, did.
 *
 * @param reports one report per collection synced, in the order they ran
 * @param took    wall time of the whole batch
 */
public record BatchReport(List<SyncReport> reports, Duration took) {

    public BatchReport {
        reports = List.copyOf(reports);
    }

    public int count(Outcome outcome) {
        return reports.stream().mapToInt(report -> report.count(outcome)).sum();
    }

    /** Artifacts per outcome, every outcome present. */
    public Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, count(outcome));
        }
        return counts;
    }

    /** Every artifact the batch looked at. */
    public int scanned() {
        return reports.stream().mapToInt(SyncReport::scanned).sum();
    }

    /** Every problem, collection by collection; one broken artifact never fails the batch. */
    public List<BatchError> errors() {
        return reports.stream().flatMap(report -> BatchError.of(report).stream()).toList();
    }
}
