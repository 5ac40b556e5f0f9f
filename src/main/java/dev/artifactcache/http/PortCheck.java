package dev.artifactcache.http;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Whether the server can listen on its port, asked before anything is opened: the web server
 * itself answers a taken port with a long stack trace and goes on running without listening.
 */
public final class PortCheck {

    private PortCheck() {
    }

    /** The one line to print when {@code port} on {@code host} is taken; empty when it is free (or 0: any free one). */
    public static Optional<String> problem(String host, int port) {
        if (port == 0) {
            return Optional.empty();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return Optional.empty();
        } catch (BindException e) {
            return Optional.of(inUse(port));
        } catch (IOException e) {
            return Optional.empty(); // not about the port being taken: the server reports it as it starts
        }
    }

    public static String inUse(int port) {
        return "port " + port + " is in use; choose another with --port";
    }
}
