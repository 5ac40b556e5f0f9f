package dev.artifactcache.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two write-side measurements of performance.md, against the contract of api.md: an edited
 * file made visible by {@code POST /api/v1/user-collections/sync-artifact}, and an edited file
 * made visible by the file watcher alone. Each edit prepends a unique word to the description of
 * a different artifact; "visible" means a search for that word returns the artifact. Every edited
 * file is restored afterwards.
 */
final class EditScenarios {

    static final String SYNC_ROUTE = "/api/v1/user-collections/sync-artifact";

    /**
     * @param skipped   why the scenario did not run, or null
     * @param samples   edits measured
     * @param errors    edits that did not become visible, or answered other than 200
     * @param latency   edit written → visible in search (sync: includes the POST), nanoseconds
     * @param request   the POST alone (sync-artifact only), nanoseconds, or null
     * @param firstErrors the first few failures
     */
    record Outcome(String skipped, int samples, int errors, Histogram latency, Histogram request, List<String> firstErrors) {

        static Outcome skipped(String why) {
            return new Outcome(why, 0, 0, null, null, List.of());
        }
    }

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Duration POLL = Duration.ofMillis(2);

    private final LoopbackClient client;
    private final Path home;
    private final List<HomeGenerator.EditableFile> files;
    private final Map<Path, byte[]> originals = new LinkedHashMap<>();
    private int next;
    private int edits;

    EditScenarios(LoopbackClient client, Path home, List<HomeGenerator.EditableFile> files) {
        this.client = client;
        this.home = home;
        this.files = files;
    }

    /** Why a scenario of {@code samples} edits runs none. */
    private String nothingToEdit(int samples) {
        return files.isEmpty() ? "no artifact to edit" : "no edits asked for (" + samples + ")";
    }

    /** {@code samples} edits, each followed by a sync-artifact request and a search; skipped when the route is missing. */
    Outcome syncArtifact(int samples) throws IOException {
        if (files.isEmpty() || samples == 0) {
            return Outcome.skipped(nothingToEdit(samples));
        }
        HomeGenerator.EditableFile probe = files.getFirst();
        LoopbackClient.Response answer = client.postJson(SYNC_ROUTE, body(probe));
        if (answer.status() == 404 || answer.status() == 405) {
            return Outcome.skipped("sync-artifact route not available (" + answer.status() + "): skipped");
        }
        Histogram latency = LoadDriver.histogram();
        Histogram request = LoadDriver.histogram();
        List<String> errors = new java.util.ArrayList<>();
        for (int i = 0; i < samples; i++) {
            HomeGenerator.EditableFile file = nextFile();
            String word = edit(file);
            long started = System.nanoTime();
            LoopbackClient.Response synced = client.postJson(SYNC_ROUTE, body(file));
            request.recordValue(System.nanoTime() - started);
            String problem = synced.status() != 200 ? "sync-artifact of " + file.artifactId() + " answered " + synced.status()
                    + ": " + synced.text() : visible(file, word) ? null : file.artifactId() + " not found by \"" + word + "\" after sync-artifact";
            latency.recordValue(System.nanoTime() - started);
            if (problem != null) {
                errors.add(problem);
            }
        }
        return new Outcome(null, samples, errors.size(), latency, request, errors.stream().limit(5).toList());
    }

    /**
     * {@code samples} edits, each polled for by search until visible or {@code timeout}; skipped
     * when the first edit is not visible within {@code probeTimeout} (no watcher).
     */
    Outcome watcher(int samples, Duration probeTimeout, Duration timeout) throws IOException {
        if (files.isEmpty() || samples == 0) {
            return Outcome.skipped(nothingToEdit(samples));
        }
        HomeGenerator.EditableFile probe = nextFile();
        String probeWord = edit(probe);
        if (waitVisible(probe, probeWord, System.nanoTime(), probeTimeout) < 0) {
            return Outcome.skipped("file watcher not available (an edited file was not visible in search within "
                    + probeTimeout.toMillis() + " ms): skipped");
        }
        Histogram latency = LoadDriver.histogram();
        List<String> errors = new java.util.ArrayList<>();
        for (int i = 0; i < samples; i++) {
            HomeGenerator.EditableFile file = nextFile();
            String word = edit(file);
            long took = waitVisible(file, word, System.nanoTime(), timeout);
            if (took < 0) {
                errors.add(file.artifactId() + " not visible within " + timeout.toMillis() + " ms of the edit");
            } else {
                latency.recordValue(took);
            }
        }
        return new Outcome(null, samples, errors.size(), latency, null, errors.stream().limit(5).toList());
    }

    /**
     * Cross-node visibility (several nodes on one database): edits a file, syncs it through
     * {@code writer} (another node), and times from the sync's response until this client's node
     * finds the artifact by its new word.
     */
    Outcome crossNode(LoopbackClient writer, int samples, Duration timeout) throws IOException {
        Histogram latency = LoadDriver.histogram();
        List<String> errors = new java.util.ArrayList<>();
        for (int i = 0; i < samples; i++) {
            HomeGenerator.EditableFile file = nextFile();
            String word = edit(file);
            LoopbackClient.Response answer = writer.postJson(SYNC_ROUTE, body(file));
            long answered = System.nanoTime();
            long took = answer.status() == 200 ? waitVisible(file, word, answered, timeout) : -1;
            if (took < 0) {
                errors.add(file.artifactId() + (answer.status() == 200 ? " not visible on the other node within "
                        + timeout.toMillis() + " ms of the sync's answer" : " sync answered " + answer.status()));
            } else {
                latency.recordValue(took);
            }
        }
        return new Outcome(null, samples, errors.size(), latency, null, errors.stream().limit(5).toList());
    }

    /** Writes every edited file back as generated (and asks for a sync of each when the route exists). */
    void restore() throws IOException {
        for (Map.Entry<Path, byte[]> original : originals.entrySet()) {
            Files.write(original.getKey(), original.getValue());
        }
        for (HomeGenerator.EditableFile file : files.subList(0, Math.min(files.size(), next))) {
            if (client.postJson(SYNC_ROUTE, body(file)).status() == 404) {
                break;
            }
        }
        originals.clear();
    }

    private HomeGenerator.EditableFile nextFile() {
        HomeGenerator.EditableFile file = files.get(next % files.size());
        next++;
        return file;
    }

    /** Prepends a new word to the description; returns the word. */
    private String edit(HomeGenerator.EditableFile file) throws IOException {
        Path path = home.resolve("collections").resolve(file.collection()).resolve(file.file());
        byte[] original = Files.readAllBytes(path);
        originals.putIfAbsent(path, original);
        String word = "zqedit" + letters(edits++);
        String text = new String(original, StandardCharsets.UTF_8).replaceFirst("\ndescription: ", "\ndescription: " + word + " ");
        Files.writeString(path, text);
        return word;
    }

    /** Nanoseconds from {@code startedNanos} until a search finds the artifact by {@code word}, or -1. */
    private long waitVisible(HomeGenerator.EditableFile file, String word, long startedNanos, Duration timeout) throws IOException {
        long deadline = startedNanos + timeout.toNanos();
        while (true) {
            if (visible(file, word)) {
                return System.nanoTime() - startedNanos;
            }
            if (System.nanoTime() > deadline) {
                return -1;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for an edit to show", e);
            }
        }
    }

    private boolean visible(HomeGenerator.EditableFile file, String word) throws IOException {
        LoopbackClient.Response response = client.get("/api/v1/user-collections/" + QueryMix.encode(file.collection())
                + "/artifacts?limit=10&q=" + word);
        if (response.status() != 200) {
            return false;
        }
        for (JsonValue item : QueryMix.parse(response.text()).getJsonArray("items")) {
            if (item.asJsonObject().getString("id").equals(file.artifactId())) {
                return true;
            }
        }
        return false;
    }

    private static String body(HomeGenerator.EditableFile file) {
        JsonObject body = JSON.createObjectBuilder()
                .add("artifact_id", file.artifactId())
                .add("collection", file.collection())
                .build();
        return body.toString();
    }

    /** 0 → "aaaa", 1 → "aaab": letters only, so the word stays one search term. */
    private static String letters(int n) {
        char[] word = new char[4];
        for (int i = word.length - 1; i >= 0; i--) {
            word[i] = (char) ('a' + n % 26);
            n /= 26;
        }
        return new String(word);
    }
}
