package dev.artifactcache.index;

/**
 * Documents whose last sync had problems.
 *
 * @param errors   documents whose last read failed (the last good values are kept)
 * @param warnings documents read with warnings (something in their files was ignored)
 */
public record SyncProblemCounts(long errors, long warnings) {
}
