package dev.artifactcache.sync;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one sync of one collection did.
 *
 * @param collection      the collection's folder name
 * @param counts          artifacts per outcome (entries that could not become rows count as failed)
 * @param results         one result per requested id (only for a selection of ids; empty for a whole collection)
 * @param errors          every artifact that failed, with the reason
 * @param warnings        artifacts read with a warning (e.g. frontmatter read line by line)
 * @param manifestError   why collection.toml could not be read (file and line); the cache was kept as it was
 * @param collectionFound false when the collection folder has no collection.toml
 * @param took            wall time of the sync
 */
public record SyncReport(String collection, Map<Outcome, Integer> counts, List<ArtifactResult> results,
                         List<ArtifactError> errors, int warnings, String manifestError, boolean collectionFound, Duration took) {

    public SyncReport {
        EnumMap<Outcome, Integer> all = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome, counts.getOrDefault(outcome, 0));
        }
        counts = Map.copyOf(all);
        results = List.copyOf(results);
        errors = List.copyOf(errors);
    }

    public int count(Outcome outcome) {
        return counts.get(outcome);
    }

    /** Every artifact the sync looked at. */
    public int scanned() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
