package dev.artifactcache.http;

import dev.artifactcache.RunningService;
import dev.artifactcache.TestHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SkillMeat's CLI after {@code add} on two collections and a {@code sync-pull}: three refresh calls
 * in a row, under the default rate limit (the test clock does not move, so no token comes back).
 */
class SkillmeatCliBurstTest {

    @TempDir
    Path tmp;
    private TestHome home;
    private RunningService service;

    @BeforeEach
    void start() {
        home = TestHome.fourArtifacts(tmp.resolve("home"));
        // no watcher: only the refresh calls bring the new artifacts in
        service = RunningService.start(home, tmp.resolve("data"), Map.of("cache.watch", "false"));
    }

    @AfterEach
    void stop() throws IOException {
        service.close();
    }


    @Test
    void addOnTwoCollectionsThenSyncPullAllSucceed() {
        home.skill("default", "new-in-default", "description: Added by the CLI\n", "");
        assertEquals(200, service.cliPost("/api/v1/user-collections/default/refresh-cache").statusCode());
        home.skill("work", "new-in-work", "description: Added by the CLI\n", "");
        assertEquals(200, service.cliPost("/api/v1/user-collections/work/refresh-cache").statusCode());
        home.skill("work", "pulled", "description: Pulled\n", "");
        HttpResponse<String> all = service.cliPost("/api/v1/user-collections/refresh-cache");
        assertEquals(200, all.statusCode(), all.body());
        assertTrue(service.cache().index().get("default", "skill:new-in-default").isPresent());
        assertTrue(service.cache().index().get("work", "skill:new-in-work").isPresent());
        assertTrue(service.cache().index().get("work", "skill:pulled").isPresent());
    }

    @Test
    void refreshesOfOneCollectionAtOnceJoinAndSeeTheChange() {
        home.skill("default", "burst", "description: Added just before the burst\n", "");
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> service.cliPost("/api/v1/user-collections/default/refresh-cache")))
                .toList();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("default", RunningService.json(response.body()).getString("collection_id"));
        }
        assertTrue(service.cache().index().get("default", "skill:burst").isPresent());
    }

    @Test
    void fullRefreshesStillHitTheLimit() {
        assertEquals(200, service.cliPost("/api/v1/user-collections/refresh-cache").statusCode());
        assertEquals(200, service.cliPost("/api/v1/user-collections/refresh-cache").statusCode());
        HttpResponse<String> third = service.cliPost("/api/v1/user-collections/refresh-cache");
        assertEquals(429, third.statusCode());
        assertEquals("10", third.headers().firstValue("Retry-After").orElseThrow());
    }
}
