package dev.artifactcache.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on one keep-alive connection to 127.0.0.1. The benchmark shares two
 * cores with the server, so the client must cost little: no connection pool, no selector thread,
 * no header maps, one blocking request at a time. Not thread-safe: one per benchmark client.
 */
final class LoopbackClient implements AutoCloseable {

    /** Status and body of one response. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_HEADER_LINE = 8192;

    private final int port;
    private final byte[] host;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LoopbackClient(int port) {
        this.port = port;
        this.host = ("Host: 127.0.0.1:" + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code pathAndQuery} must already be URL-encoded. */
    Response get(String pathAndQuery) throws IOException {
        return exchange(("GET " + pathAndQuery + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII), null);
    }

    Response postJson(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n";
        return exchange(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    /** Sends on the open connection; a connection the server closed meanwhile is reopened once. */
    private Response exchange(byte[] head, byte[] body) throws IOException {
        boolean fresh = socket == null;
        try {
            return send(head, body);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return send(head, body);
        }
    }

    private Response send(byte[] head, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream(256);
        request.write(head);
        request.write(host);
        request.write('\r');
        request.write('\n');
        if (body != null) {
            request.write(body);
        }
        out.write(request.toByteArray());
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:")) {
                chunked = lower.contains("chunked");
            } else if (lower.startsWith("connection:")) {
                close = lower.contains("close");
            }
        }
        byte[] content = chunked ? chunks() : in.readNBytes((int) Math.max(0, length));
        if (!chunked && length > content.length) {
            throw new EOFException("the response ended after " + content.length + " of " + length + " bytes");
        }
        if (close) {
            close();
        }
        return new Response(code, content);
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream(4096);
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).strip(), 16);
            if (length == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return content.toByteArray();
            }
            content.write(in.readNBytes(length));
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE) {
                throw new IOException("a response header line is longer than " + MAX_HEADER_LINE + " bytes");
            }
            line.append((char) c);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a loopback socket we are done with: nothing to report
            }
            socket = null;
        }
    }
}
