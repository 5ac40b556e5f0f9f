package dev.artifactcache.http;

import dev.artifactcache.Settings;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.cors.CorsSupport;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What every write route checks before its handler runs: a browser page of a foreign origin (403),
 * the write token when one is configured (401), then, on the batch routes, the client's rate limit (429 with {@code Retry-After}). Read
 * routes stay open. One guard serves all routes, so a client has one bucket across the batch routes.
 */
public final class WriteGuard {

    private static final String BEARER = "bearer ";

    /** SHA-256 of the token, or null: comparing digests takes the same time whatever the token's length. */
    private final byte[] tokenDigest;
    private final RateLimiter limiter;
    private final Runnable onLimited;
    private final BrowserOrigins origins;

    private WriteGuard(String token, RateLimiter limiter, Runnable onLimited, BrowserOrigins origins) {
        this.onLimited = onLimited;
        this.origins = origins;
        this.tokenDigest = token == null ? null : sha256(token);
        this.limiter = limiter;
    }

    /** @param onLimited called for every request refused by the rate limit (metrics count them) */
    public static WriteGuard of(Settings settings, Clock clock, Runnable onLimited) {
        Settings.BatchLimit limit = settings.batchLimit();
        return new WriteGuard(settings.writeToken(), new RateLimiter(limit.perMinute(), limit.burst(), clock), onLimited,
                new BrowserOrigins(settings.allowedOrigins()));
    }

    /** The CORS handling of every API route, for the same origins the writes accept. */
    public CorsSupport cors() {
        return origins.cors();
    }

    /** A route that changes the cache: refused to a foreign web page; needs the token when one is set. */
    Handler write(Handler handler) {
        return (req, res) -> {
            if (fromAllowedPage(req, res) && authorized(req, res)) {
                handler.handle(req, res);
            }
        };
    }

    /** A route that syncs many artifacts: the token, then one token of the client's bucket. */
    Handler batch(Handler handler) {
        return write((req, res) -> {
            if (withinLimit(req, res)) {
                handler.handle(req, res);
            }
        });
    }

    private boolean fromAllowedPage(ServerRequest req, ServerResponse res) {
        Optional<String> foreign = origins.foreign(req);
        if (foreign.isEmpty()) {
            return true;
        }
        ErrorResponses.send(res, Status.FORBIDDEN_403, "origin_not_allowed", "A page from " + foreign.get()
                + " may not change this cache; add its origin to security.cors.allowed-origins to allow it.", "Origin");
        return false;
    }

    // The two checks answer themselves rather than throw: the error path resets the response
    // headers, and these answers need theirs (WWW-Authenticate, Retry-After).
    private boolean authorized(ServerRequest req, ServerResponse res) {
        if (tokenDigest == null) {
            return true;
        }
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        boolean bearer = header.filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length())).isPresent();
        if (bearer && MessageDigest.isEqual(tokenDigest, sha256(header.get().substring(BEARER.length()).trim()))) {
            return true;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        ErrorResponses.send(res, Status.UNAUTHORIZED_401, "unauthorized", header.isEmpty()
                ? "This route needs the write token: send \"Authorization: Bearer <token>\"."
                : "The write token does not match the one this server is configured with.", "Authorization");
        return false;
    }

    private boolean withinLimit(ServerRequest req, ServerResponse res) {
        Optional<Duration> wait = limiter.acquire(client(req.remotePeer().address()));
        if (wait.isEmpty()) {
            return true;
        }
        onLimited.run();
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        res.header(HeaderNames.RETRY_AFTER, String.valueOf(seconds));
        ErrorResponses.send(res, Status.TOO_MANY_REQUESTS_429, "rate_limited", String.format(Locale.ROOT,
                "Too many batch refreshes from this client; try again in %d s (the file watcher keeps the cache "
                        + "fresh meanwhile).", seconds), null);
        return false;
    }

    private static String client(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
