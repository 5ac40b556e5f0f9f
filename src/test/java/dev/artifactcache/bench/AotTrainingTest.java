package dev.artifactcache.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AOT cache's training run (which etc/artifact-cache runs with -XX:AOTCacheOutput) goes through
 * the service's start, population, searches, edits and warm restart, and fails on any request the
 * service does not answer with success: a change that broke it would otherwise only show as a start
 * without the cache.
 */
class AotTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void runsTheServiceColdAndWarmWithoutAFailure() throws IOException, InterruptedException {
        AotTraining.train(tmp);

        assertTrue(Files.isRegularFile(tmp.resolve("home/collections/default/collection.toml")));
        try (var index = Files.walk(tmp.resolve("data/lucene"))) {
            assertTrue(index.anyMatch(file -> file.getFileName().toString().startsWith("segments_")), "the index was committed");
        }
    }
}
