package dev.artifactcache.cli;

import dev.artifactcache.RunningService;
import dev.artifactcache.ServiceJvm;
import dev.artifactcache.TestHome;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Issue 12 §5: a start-up fault is one line saying what to do, and exit status 2; a wrong home is a warning. */
class StartupFaultsTest {

    private static final Duration START = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    @Test
    void aTakenPortIsOneLineAndExit2BeforeAnythingIsOpened() throws IOException {
        Path home = TestHome.fourArtifacts(tmp.resolve("home")).root();
        Path data = tmp.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            CommandResult result = Cli.run("serve", "--home", home, "--data", data, "--host", "127.0.0.1", "--port", port)
                    .assertStatus(ExitStatus.USAGE);

            assertEquals("port " + port + " is in use; choose another with --port\n", result.err(), result::toString);
        }
        assertFalse(Files.exists(data), "nothing is opened before the port is known to be free");
    }

    /** The second service must not take the first one's database for a broken one: nothing is moved aside. */
    @Test
    void aSecondServiceOnTheSameDataFolderIsOneLineAndExit2() throws Exception {
        Path home = TestHome.fourArtifacts(tmp.resolve("home")).root();
        Path data = tmp.resolve("data");
        Path noConfig = tmp.resolve("no-such-config.yaml");
        try (ServiceJvm first = ServiceJvm.serve(home, data, noConfig, "--port", "0")) {
            int port = first.awaitListening(START);
            ServiceJvm second = ServiceJvm.serve(home, data, noConfig, "--port", "0");

            assertEquals(ExitStatus.USAGE, second.awaitExit(START), second::output);
            assertEquals(List.of("the data folder " + data + " is in use by another artifact-cache; stop that one, "
                    + "or choose another folder with --data"), second.lines());
            assertEquals(200, get(port, "/api/v1/user-collections").statusCode(), "the first one still serves");
        }
        try (var files = Files.list(data)) {
            assertEquals(List.of(), files.map(file -> file.getFileName().toString()).filter(name -> name.contains("broken")).toList());
        }
    }

    @Test
    void aHomeThatDoesNotExistIsAWarningInTheLogAndInHealth() throws Exception {
        Path home = tmp.resolve("no-such-home");
        String warning = "the SkillMeat home " + home + " does not exist; choose it with --home or SKILLMEAT_HOME";
        try (ServiceJvm service = ServiceJvm.serve(home, tmp.resolve("data"), tmp.resolve("no-such-config.yaml"), "--port", "0")) {
            int port = service.awaitListening(START);

            service.awaitLine(Pattern.compile(Pattern.quote("event=home_unusable warning=\"" + warning + "\"")), START);
            JsonObject check = homeCheck(get(port, "/observe/health").body());
            assertEquals("UP", check.getString("status"));
            assertEquals(home.toString(), check.getJsonObject("data").getString("path"));
            assertEquals(warning, check.getJsonObject("data").getString("warning"));
        }
    }

    @Test
    void aHomeWithoutCollectionsIsAWarningInHealthAndAGoodOneIsNot() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty-home"));
        try (RunningService service = RunningService.start(empty, tmp.resolve("data"))) {
            assertEquals("the SkillMeat home " + empty + " holds no collections/ folder; choose another with --home or "
                    + "SKILLMEAT_HOME, or add a collection with the SkillMeat CLI",
                    homeCheck(service.get("/observe/health").body()).getJsonObject("data").getString("warning"));
        }
        Path home = TestHome.fourArtifacts(tmp.resolve("home")).root();
        try (RunningService service = RunningService.start(home, tmp.resolve("data-2"))) {
            JsonObject data = homeCheck(service.get("/observe/health").body()).getJsonObject("data");
            assertEquals(home.toString(), data.getString("path"));
            assertFalse(data.containsKey("warning"), data::toString);
        }
    }

    private static JsonObject homeCheck(String health) {
        return RunningService.json(health).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("home")).findFirst()
                .orElseThrow(() -> new AssertionError("no home check in " + health));
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
