package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bundled demo home, served as the README's run command serves it. */
class DemoServiceTest {

    @TempDir
    static Path data;
    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start(Path.of("etc/demo"), data);
    }

    @AfterAll
    static void stop() throws IOException {
        service.close();
    }

    @Test
    void rowsDocumentsAndManifestEntriesAgree() {
        assertEquals(32, service.cache().store().liveCount());
        assertEquals(32, service.cache().index().documentCount());
        assertEquals(32, service.getJson("/api/v1/artifacts").getJsonObject("page_info").getInt("total_count"));
        assertEquals(22, service.getJson("/api/v1/user-collections/default/artifacts").getJsonObject("page_info").getInt("total_count"));
        assertEquals(10, service.getJson("/api/v1/user-collections/work/artifacts").getJsonObject("page_info").getInt("total_count"));
        assertEquals(0, service.cache().mirror().lag());
    }

    @Test
    void pdfToolsHasTheValuesTheFormatPrescribes() {
        JsonObject item = service.getJson("/api/v1/user-collections/default/artifacts/skill:pdf-tools");
        assertEquals(RunningService.json("""
                {"id":"skill:pdf-tools","collection":"default","name":"pdf-tools","title":null,"type":"skill",
                 "description":"Extract text, tables and form fields from PDF files, merge and split documents, and fill PDF forms.",
                 "author":null,"license":"Apache-2.0","version":null,
                 "tags":["pdf","documents","extraction","forms"],"tools":["Read","Grep","Bash"],
                 "origin":"github","origin_source":null,
                 "source":"https://github.com/skillmeat-demo/document-skills/tree/85848c94a4433ad212f2607dedcca357a32151cf/pdf-tools",
                 "version_spec":"latest","resolved_sha":"85848c94a4433ad212f2607dedcca357a32151cf","resolved_version":"v2.1.0",
                 "added":"2026-01-15T10:30:00.123456Z","synced_at":"2026-11-20T10:00:00Z","updated_at":"2026-11-20T10:00:00Z",
                 "stale":false,"sync_error":null,"sync_warnings":[]}
                """), item);
    }

    @Test
    void noDemoArtifactFails() {
        assertEquals(0, service.getJson("/api/v1/artifacts?limit=100").getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .filter(item -> !item.isNull("sync_error"))
                .count());
    }
}
