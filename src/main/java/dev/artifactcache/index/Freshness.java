package dev.artifactcache.index;

import java.time.Instant;

/**
 * How fresh a set of documents is.
 *
 * @param total          documents considered
 * @param staleCount     of those, how many have {@code synced_at} before the cut-off given
 * @param oldestSyncedAt the oldest {@code synced_at}, or null when there are no documents
 */
public record Freshness(long total, long staleCount, Instant oldestSyncedAt) {
}
