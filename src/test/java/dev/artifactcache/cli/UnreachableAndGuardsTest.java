package dev.artifactcache.cli;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit status 3 with a hint when nothing answers, the write token, the rate limit and serve's own refusals. */
class UnreachableAndGuardsTest {

    @TempDir
    Path tmp;

    /** A port nothing listens on: taken from the system, then freed. */
    static String deadServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    static int port(String server) {
        return URI.create(server).getPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync skill:pdf-tools", "refresh", "refresh --progress", "stats", "search pdf"})
    void everyClientCommandExits3WithAHintWhenNothingAnswers(String command) throws IOException {
        String server = deadServer();
        Object[] args = (command + " --server " + server).split(" ");

        Cli.run(args).assertStatus(ExitStatus.UNREACHABLE).assertOneErrorLine("cannot reach the service at " + server
                + " (connection refused); start it with: etc/artifact-cache serve --port " + port(server));
    }

    @Test
    void aHookThatCannotReachTheServiceSaysSoInOneLineAndExits0() throws IOException {
        String server = deadServer();

        Cli.run("refresh", "--hook", "--collection", "default", "--server", server).assertStatus(ExitStatus.OK)
                .assertOneErrorLine("collection default not refreshed: cannot reach the service at " + server
                        + " (connection refused); start it with: etc/artifact-cache serve --port " + port(server));
    }

    @Test
    void writesNeedTheTokenWhenTheServiceHasOne() throws IOException {
        TestHome home = new TestHome(tmp.resolve("home")).skill("default", "pdf-tools", "description: PDFs\n", "");
        try (RunningService service = RunningService.start(home.root(), tmp.resolve("data"),
                new MutableClock(RunningService.START), Map.of("security.write-token", "s3cret"))) {
            String server = service.uri("").toString();

            Cli.run("refresh", "--server", server).assertStatus(ExitStatus.USAGE).assertOneErrorLine(
                    "This route needs the write token: send \"Authorization: Bearer <token>\". Pass --token or set "
                            + "ARTIFACT_CACHE_TOKEN.");
            Cli.run("sync", "--server", server, "--token", "wrong", "skill:pdf-tools").assertStatus(ExitStatus.USAGE)
                    .assertOneErrorLine("The write token does not match the one this server is configured with. "
                            + "Pass --token or set ARTIFACT_CACHE_TOKEN.");
            Cli.run("sync", "--server", server, "--token", "s3cret", "skill:pdf-tools").assertStatus(ExitStatus.OK);
            Cli.run("stats", "--server", server).assertStatus(ExitStatus.OK);
        }
    }

    @Test
    void aRateLimitedRefreshExits1WithTheServiceDetail() throws IOException {
        TestHome home = new TestHome(tmp.resolve("home")).skill("default", "pdf-tools", "description: PDFs\n", "");
        try (RunningService service = RunningService.start(home.root(), tmp.resolve("data"),
                new MutableClock(RunningService.START), Map.of("security.rate-limit.burst", "1"))) {
            String server = service.uri("").toString();

            Cli.run("refresh", "--server", server).assertStatus(ExitStatus.OK);
            CommandResult limited = Cli.run("refresh", "--server", server).assertStatus(ExitStatus.FAILED);

            assertTrue(limited.err().startsWith("artifact-cache: Too many batch refreshes from this client; try again in "),
                    limited::toString);
        }
    }

    @Test
    void serveRefusesAnOpenAddressWithoutATokenAndABadPort() {
        Cli.run("serve", "--host", "0.0.0.0", "--data", tmp.resolve("data"), "--home", tmp.resolve("home"))
                .assertStatus(ExitStatus.USAGE);
        assertTrue(Cli.run("serve", "--host", "0.0.0.0", "--data", tmp.resolve("data")).err()
                .startsWith("Refusing to listen on 0.0.0.0 without a write token"));
        Cli.run("serve", "--port", "70000").assertStatus(ExitStatus.USAGE)
                .assertOneErrorLine("--port must be from 0 to 65535, got 70000 (see: artifact-cache serve --help)");
    }
}
