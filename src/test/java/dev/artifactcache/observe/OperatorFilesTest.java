package dev.artifactcache.observe;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** etc/'s Grafana dashboard and Prometheus alert rules name only metrics the service serves. */
class OperatorFilesTest {

    private static final Path DASHBOARD = Path.of("etc/grafana-dashboard.json");
    private static final Path ALERTS = Path.of("etc/prometheus-alerts.yml");
    private static final Pattern METRIC = Pattern.compile("\\bartifact_cache_[a-z_]+");
    @TempDir
    Path tmp;

    @Test
    void theAlertsCoverWhatAnOperatorMustKnow() throws IOException {
        List<String> names = alerts().stream().map(rule -> (String) rule.get("alert")).toList();
        assertEquals(List.of("ArtifactCacheIndexBehindDatabase", "ArtifactCacheSyncsFailing",
                "ArtifactCacheStaleDocumentsPilingUp", "ArtifactCachePopulationFailed", "ArtifactCacheRecovered",
                "ArtifactCacheListingSlow"), names);
        for (Map<String, Object> rule : alerts()) {
            assertTrue(rule.get("annotations") instanceof Map<?, ?> notes && notes.containsKey("summary")
                    && notes.containsKey("description"), () -> rule.get("alert") + " explains itself");
        }
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsNameIsServed() throws IOException {
        Set<String> named = new TreeSet<>();
        for (String expression : expressions()) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                named.add(metric.group());
            }
        }
        assertTrue(named.size() >= 15, () -> "the files name the service's meters: " + named);

        // One artifact read with a warning (its frontmatter is not valid YAML), none failing.
        TestHome home = TestHome.fourArtifacts(tmp.resolve("home"))
                .skill("default", "lenient", "description: Reads: like this: fine\n", "");
        try (RunningService service = RunningService.start(home.root(), tmp.resolve("data"))) {
            // Labelled series appear once something happened: a listing, a sync and a refresh.
            service.get("/api/v1/user-collections/default/artifacts");
            service.post("/api/v1/user-collections/sync-artifact", "{\"artifact_id\":\"skill:pdf-tools\",\"collection\":\"default\"}");
            service.post("/api/v1/user-collections/refresh-metadata", "{\"collection\":\"work\"}");
            String metrics = service.get("/observe/metrics").body();

            List<String> missing = new ArrayList<>();
            for (String name : named) {
                if (metrics.lines().noneMatch(line -> line.startsWith(name + "{"))) {
                    missing.add(name);
                }
            }
            assertEquals(List.of(), missing, metrics);
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("artifact_cache_query_seconds{")
                    && line.contains("route=\"collection_artifacts\"") && line.contains("quantile=\"0.99\"")), metrics);
            // The failing-artifacts panel and the syncs-failing alert read one gauge, by severity.
            assertEquals(List.of("error 0.0", "warning 1.0"), failingArtifacts(metrics));
        }
    }

    /** "severity value" for each series of the failing-artifacts gauge, and no other gauge of that count. */
    private static List<String> failingArtifacts(String metrics) {
        assertTrue(metrics.lines().noneMatch(line -> line.startsWith("artifact_cache_artifacts_with_")), metrics);
        Pattern series = Pattern.compile("^artifact_cache_failing_artifacts\\{.*severity=\"(\\w+)\".*} (\\S+)$");
        return metrics.lines().map(series::matcher).filter(Matcher::matches)
                .map(m -> m.group(1) + " " + m.group(2)).sorted().toList();
    }

    /** Every PromQL expression: the alerts' and the dashboard panels' targets. */
    private static List<String> expressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        alerts().forEach(rule -> expressions.add((String) rule.get("expr")));
        JsonObject dashboard;
        try (Reader in = Files.newBufferedReader(DASHBOARD)) {
            dashboard = JsonProvider.provider().createReader(in).readObject();
        }
        for (JsonObject panel : dashboard.getJsonArray("panels").getValuesAs(JsonObject.class)) {
            for (JsonObject target : panel.getJsonArray("targets").getValuesAs(JsonObject.class)) {
                expressions.add(((JsonString) target.get("expr")).getString());
            }
        }
        return expressions;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts() throws IOException {
        try (Reader in = Files.newBufferedReader(ALERTS)) {
            Map<String, Object> file = new Yaml().load(in);
            List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
            return groups.stream().flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
        }
    }
}
