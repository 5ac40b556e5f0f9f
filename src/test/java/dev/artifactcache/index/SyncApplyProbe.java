package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.store.ArtifactRow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Measurement aid, not a test: the sync-artifact path's index half at a given size. Each edit
 * applies one changed row (refresh included) and then searches its new word on the new reader,
 * as the benchmark does; prints, per pass of edits, the applying thread's CPU and the whole
 * process's (merges, JIT and GC included) per edit.
 */
final class SyncApplyProbe {

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int edits = Integer.parseInt(args[1]);
        int passes = Integer.parseInt(args[2]);
        GeneratedCorpus corpus = new GeneratedCorpus(7);
        List<ArtifactRow> rows = corpus.rows(size);
        Path dir = Files.createTempDirectory("probe");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ArtifactIndex index = ArtifactIndex.open(dir.resolve("lucene"))) {
            index.rebuild(rows.iterator(), rows.size());
            long seq = rows.size();
            Random random = new Random(5);
            int edited = 0;
            for (int pass = 0; pass < passes; pass++) {
                long thread = 0;
                long process = os.getProcessCpuTime();
                long wall = System.nanoTime();
                for (int i = 0; i < edits; i++) {
                    ArtifactRow row = rows.get(random.nextInt(rows.size()));
                    String word = "zqedit" + edited++;
                    long t0 = mx.getCurrentThreadCpuTime();
                    index.apply(List.of(edited(row, word, ++seq)));
                    SearchResult found = index.search(SearchRequest.builder().q(word).limit(10).build());
                    thread += mx.getCurrentThreadCpuTime() - t0;
                    if (found.items().isEmpty()) {
                        throw new IllegalStateException(word + " not found");
                    }
                }
                int segments = index.withSearcher(searcher -> searcher.getIndexReader().leaves().size());
                System.out.printf("pass %d: %d edits at %d, thread CPU %.2f ms/edit, process CPU %.2f ms/edit, wall %.2f ms/edit,"
                                + " %d segments%n", pass, edits, size, thread / 1e6 / edits,
                        (os.getProcessCpuTime() - process) / 1e6 / edits, (System.nanoTime() - wall) / 1e6 / edits, segments);
            }
        }
    }

    private static ArtifactRow edited(ArtifactRow row, String word, long seq) {
        ArtifactMetadata m = row.metadata();
        ArtifactMetadata next = new ArtifactMetadata(m.collection(), m.id(), m.title(), m.source(), m.origin(),
                m.originSource(), m.versionSpec(), m.resolvedSha(), m.resolvedVersion(), m.version(),
                word + " " + m.description(), m.author(), m.license(), m.tags(), m.tools(), m.contentHash(),
                m.syncError(), m.failed(), m.added(), m.syncWarnings());
        Instant now = Instant.now();
        return new ArtifactRow(row.collection(), row.id(), next, now, now, seq, false);
    }
}
