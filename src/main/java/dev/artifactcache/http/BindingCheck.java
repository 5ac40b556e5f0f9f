package dev.artifactcache.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Write routes are open on loopback (only this machine's users reach them); on any other
 * address they must need a token, so the server refuses to start there without one.
 */
public final class BindingCheck {

    private BindingCheck() {
    }

    /** Why the server must not listen on {@code host} with this token, or empty when it may. */
    public static Optional<String> problem(String host, String writeToken) {
        if (writeToken != null) {
            return Optional.empty();
        }
        if (host == null || host.isBlank()) {
            return Optional.of(refusal(String.valueOf(host), "an empty host may mean every address"));
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return Optional.of(refusal(host, "it is not a loopback address"));
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(refusal(host, "it cannot be resolved"));
        }
    }

    /** @throws IllegalStateException with a message saying what to change */
    public static void require(String host, String writeToken) {
        problem(host, writeToken).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    private static String refusal(String host, String why) {
        return "Refusing to listen on " + host + " without a write token: " + why + ", so anyone who can reach it "
                + "could change the cache. Set ARTIFACT_CACHE_TOKEN (or security.write-token), or listen on "
                + "127.0.0.1 (server.host / SERVER_HOST).";
    }
}
