package dev.artifactcache.http;

import dev.artifactcache.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The token bucket, on a clock moved by hand. */
class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(6, 2, clock);

    @Test
    void burstThenOneTokenEveryTenSeconds() {
        assertEquals(Optional.empty(), limiter.acquire("10.0.0.1"));
        assertEquals(Optional.empty(), limiter.acquire("10.0.0.1"));
        assertEquals(Optional.of(Duration.ofSeconds(10)), limiter.acquire("10.0.0.1"));

        clock.advance(Duration.ofSeconds(4));
        assertEquals(Optional.of(Duration.ofSeconds(6)), limiter.acquire("10.0.0.1"));

        clock.advance(Duration.ofSeconds(6));
        assertEquals(Optional.empty(), limiter.acquire("10.0.0.1"));
        assertEquals(Optional.of(Duration.ofSeconds(10)), limiter.acquire("10.0.0.1"));
    }

    @Test
    void eachClientHasItsOwnBucketAndARestedOneIsFullAgain() {
        limiter.acquire("10.0.0.1");
        limiter.acquire("10.0.0.1");

        assertEquals(Optional.empty(), limiter.acquire("10.0.0.2"));

        clock.advance(Duration.ofHours(1));
        assertEquals(Optional.empty(), limiter.acquire("10.0.0.1"));
        assertEquals(Optional.empty(), limiter.acquire("10.0.0.1"));
        assertEquals(Optional.of(Duration.ofSeconds(10)), limiter.acquire("10.0.0.1"));
    }

    @Test
    void zeroPerMinuteTurnsTheLimitOff() {
        RateLimiter off = new RateLimiter(0, 1, clock);
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.empty(), off.acquire("10.0.0.1"));
        }
    }
}
