package dev.artifactcache.sync;

import dev.artifactcache.MutableClock;
import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import dev.artifactcache.store.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight clients syncing the same artifact over HTTP while its file keeps changing, and a reader
 * listing meanwhile: never two documents, never a lost update (the last state of the file wins),
 * reads never fail.
 */
class ConcurrentSyncTest {

    private static final int CLIENTS = 8;
    private static final int SYNCS_PER_CLIENT = 20;
    private static final int EDITS = 40;
    private static final String BODY = "{\"artifact_id\":\"skill:pdf-tools\",\"collection\":\"default\"}";

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;

    private void start(TestDatabase database) {
        home = new TestHome(tmp.resolve("home"))
                .skill("default", "pdf-tools", "description: Version 0\n", "")
                .mcp("default", "github", "GitHub");
        service = RunningService.start(home.root(), tmp.resolve("data"), new MutableClock(RunningService.START),
                Map.of("db.connection.url", database.freshUrl(tmp), "db.connection.username", database.user()));
    }

    @AfterEach
    void stop() throws IOException {
        if (service != null) {
            service.close();
        }
    }

    private void edit(int version) {
        home.write("collections/default/skills/pdf-tools/SKILL.md", "---\ndescription: Version " + version + "\n---\n");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentSyncsOfAChangingFileEndWithOneDocumentHoldingTheLastContent(TestDatabase database) throws Exception {
        start(database);
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 2);
        CountDownLatch go = new CountDownLatch(1);
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        Set<String> outcomes = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> clients = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < SYNCS_PER_CLIENT; i++) {
                        HttpResponse<String> response = service.post("/api/v1/user-collections/sync-artifact", BODY);
                        statuses.add(response.statusCode());
                        outcomes.add(RunningService.json(response.body()).getString("outcome"));
                    }
                    return null;
                }));
            }
            Future<?> writer = threads.submit(() -> {
                go.await();
                for (int version = 1; version <= EDITS; version++) {
                    edit(version);
                }
                writing.set(false);
                return null;
            });
            Future<?> reader = threads.submit(() -> {
                go.await();
                while (writing.get()) {
                    statuses.add(service.get("/api/v1/user-collections/default/artifacts?q=version").statusCode());
                }
                return null;
            });
            go.countDown();
            writer.get();
            reader.get();
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            threads.shutdownNow();
        }
        // Every sync that starts after the last edit must see it, whichever client sends it.
        for (int c = 0; c < CLIENTS; c++) {
            service.post("/api/v1/user-collections/sync-artifact", BODY);
        }

        assertEquals(Set.of(200), statuses);
        assertTrue(Set.of("updated", "unchanged", "failed").containsAll(outcomes), outcomes.toString());
        JsonObject found = service.getJson("/api/v1/user-collections/default/artifacts?q=pdf-tools&limit=100");
        assertEquals(1, found.getJsonObject("page_info").getInt("total_count"));
        JsonObject item = found.getJsonArray("items").getJsonObject(0);
        assertEquals("Version " + EDITS, item.getString("description"));
        assertTrue(item.isNull("sync_error"), item.toString());
        assertEquals(2, service.cache().index().documentCount());
        assertEquals(1, service.cache().store().rows("default", List.of("skill:pdf-tools")).size());
        assertEquals(0, service.cache().mirror().lag());
    }
}
