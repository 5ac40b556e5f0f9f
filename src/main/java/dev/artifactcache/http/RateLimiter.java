package dev.artifactcache.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: a rested client may make {@code burst} calls at once, then one each
 * time a token comes back ({@code perMinute} a minute). Time comes from the cache's clock, so
 * tests move it by hand.
 */
final class RateLimiter {

    /** Beyond this many clients, the ones with a full bucket are forgotten (they start full anyway). */
    private static final int MAX_CLIENTS = 10_000;

    private record Bucket(double tokens, Instant at) {
    }

    private final double perSecond;
    private final int burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perMinute tokens a minute; 0 turns the limit off */
    RateLimiter(int perMinute, int burst, Clock clock) {
        this.perSecond = perMinute / 60.0;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes a token for {@code client}: empty when the call may go ahead, else how long until it may. */
    Optional<Duration> acquire(String client) {
        if (perSecond == 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Duration[] wait = {null};
        buckets.compute(client, (key, bucket) -> {
            double tokens = tokensAt(bucket, now);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
            return new Bucket(tokens, now);
        });
        if (buckets.size() > MAX_CLIENTS) {
            buckets.entrySet().removeIf(entry -> tokensAt(entry.getValue(), now) >= burst);
        }
        return Optional.ofNullable(wait[0]);
    }

    private double tokensAt(Bucket bucket, Instant now) {
        if (bucket == null) {
            return burst;
        }
        double seconds = Math.max(0, Duration.between(bucket.at(), now).toNanos() / 1e9);
        return Math.min(burst, bucket.tokens() + seconds * perSecond);
    }
}
