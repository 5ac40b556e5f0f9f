package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue #12 section 3 over raw sockets (an HTTP client library refuses to send most of these):
 * every malformed request gets the documented 4xx with api.md's envelope, at once, and the body
 * never echoes the request as a hex dump.
 */
class MalformedRequestsTest {

    private static final String SYNC = "POST /api/v1/user-collections/sync-artifact HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    private static final String BODY = "{\"artifact_id\":\"skill:pdf-tools\"}";

    @TempDir
    static Path tmp;
    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start(TestHome.fourArtifacts(tmp.resolve("home")).root(), tmp.resolve("data"));
    }

    @AfterAll
    static void stop() throws IOException {
        service.close();
    }

    /** The status and body of the first answer to {@code request}, read by its Content-Length. */
    private record Answer(int status, String body) {
        JsonObject json() {
            return RunningService.json(body);
        }
    }

    private static Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", service.uri("/").getPort())) {
            socket.setSoTimeout(10_000); // "at once": far below the 15 s the issue saw, and no timing asserted
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before an answer: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String post(String headers, String body) {
        return SYNC + headers + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static void assertEnvelope(int status, String expectedJson, Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(RunningService.json(expectedJson), answer.json());
    }

    @Test
    void anUnparseableContentTypeIs415NamingTheHeader() throws IOException {
        for (String type : new String[] {";", "/", "application/json; charset"}) {
            assertEnvelope(415, """
                    {"error":"unsupported_media_type","field":"Content-Type",
                     "detail":"The Content-Type header \\"%s\\" is not a media type; send \\"Content-Type: application/json\\"."}
                    """.formatted(type), send(post("Content-Type: " + type + "\r\n", BODY)));
        }
    }

    @Test
    void aHeaderLineWithoutAColonIs400WithoutAHexDump() throws IOException {
        assertEnvelope(400, """
                {"error":"invalid_header","detail":"A header line has no colon; every header is \\"Name: value\\"."}
                """, send(post("Content-Type;\r\n", BODY)));
    }

    @Test
    void jsonNestedDeeperThan1000IsInvalidJson() throws IOException {
        String deep = "{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}";
        assertEnvelope(400, """
                {"error":"invalid_json","field":"body","detail":"the body is not valid JSON (Input is too deeply nested 1,000)"}
                """, send(post("Content-Type: application/json\r\n", deep)));
    }

    @Test
    void textAfterTheJsonObjectIsInvalidJson() throws IOException {
        assertEnvelope(400, """
                {"error":"invalid_json","field":"body","detail":"the body has more after its JSON value; send one JSON object"}
                """, send(post("Content-Type: application/json\r\n", BODY + " trailing")));
    }

    @Test
    void aChunkSizeThatIsNoHexNumberIs400() throws IOException {
        assertEnvelope(400, """
                {"error":"invalid_body","field":"body",
                 "detail":"The body's chunked framing is malformed (a chunk size is not a hex number); send it with Content-Length."}
                """, send(SYNC + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"));
    }

    @Test
    void aNegativeContentLengthIs400AtOnce() throws IOException {
        assertEnvelope(400, """
                {"error":"invalid_header","field":"Content-Length","detail":"Content-Length must be a whole number of bytes, got \\"-1\\"."}
                """, send(SYNC + "Content-Type: application/json\r\nContent-Length: -1\r\n\r\n" + BODY));
    }

    @Test
    void aRequestLineUpTo16KibIsServedAndALongerOneIs414NamingTheLimit() throws IOException {
        String prefix = "GET /api/v1/artifacts?q=";
        String suffix = " HTTP/1.1";
        String fits = prefix + "a".repeat(16 * 1024 - prefix.length() - suffix.length() - 2) + suffix + "\r\nHost: 127.0.0.1\r\n\r\n";
        assertEquals(200, send(fits).status());

        assertEnvelope(414, """
                {"error":"uri_too_long","detail":"The request line is longer than 16384 bytes (16 KiB), the limit; send a shorter query."}
                """, send(prefix + "a".repeat(17 * 1024) + suffix + "\r\nHost: 127.0.0.1\r\n\r\n"));
    }

    @Test
    void aPercentThatStartsNoEscapeIs400NamingTheParameter() throws IOException {
        for (String parameter : new String[] {"q=%", "after=%%%%", "search=a%zzb"}) {
            String name = parameter.substring(0, parameter.indexOf('='));
            assertEnvelope(400, """
                    {"error":"invalid_parameter","field":"%s",
                     "detail":"The query parameter \\"%s\\" has a %% that does not start an escape such as %%20; write a literal %% as %%25."}
                    """.formatted(name, name), send("GET /api/v1/artifacts?" + parameter + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        }
    }

    @Test
    void aPlainColonInTheQueryIsLegal() throws IOException {
        Answer answer = send("GET /api/v1/artifacts?q=mcp:github HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertEquals(200, answer.status(), answer.body());
        assertEquals("mcp:github", answer.json().getJsonArray("items").getJsonObject(0).getString("id"));
    }

    @Test
    void anUnreadableAcceptHeaderIs400NamingIt() throws IOException {
        assertEnvelope(400, """
                {"error":"invalid_header","field":"Accept",
                 "detail":"The Accept header cannot be read as media types; send \\"Accept: application/json\\" or no Accept header."}
                """, send("GET /api/v1/artifacts HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ;\r\n\r\n"));
    }

    @Test
    void headersOverTheLimitAreAnEnvelopeWithoutTheRequestEchoed() throws IOException {
        Answer answer = send("GET /api/v1/artifacts HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "X-A: b\r\n".repeat(3000) + "\r\n");

        assertEnvelope(400, """
                {"error":"bad_request","detail":"The request is not valid HTTP: Header size exceeded."}
                """, answer);
        assertFalse(answer.body().contains("X-A"));
    }
}
