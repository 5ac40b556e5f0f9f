package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.FSDirectory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Measurement aid, not a test: thread CPU of collecting one relevance page, Lucene's sort against RelevancePage, interleaved. */
final class CollectProbe {

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int prefix = Integer.parseInt(args[2]);
        GeneratedCorpus corpus = new GeneratedCorpus(7);
        List<ArtifactRow> rows = corpus.rows(size);
        Path dir = Files.createTempDirectory("probe");
        try (ArtifactIndex built = ArtifactIndex.open(dir.resolve("lucene"))) {
            built.rebuild(rows.iterator(), rows.size());
        }
        Path active = new IndexFolder(dir.resolve("lucene")).active().orElseThrow();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (var directory = FSDirectory.open(active); var reader = DirectoryReader.open(directory)) {
            SegmentCache segments = new SegmentCache();
            Random random = new Random(3);
            for (int pass = 0; pass < 6; pass++) {
                long lucene = 0;
                long page = 0;
                long hits = 0;
                for (int i = 0; i < rounds; i++) {
                    String word = corpus.words.get(random.nextInt(corpus.words.size()));
                    SearchRequest request = SearchRequest.builder().q(prefix == 0 ? word : word.substring(0, prefix)).limit(24).build();
                    Query query = ArtifactQuery.of(request, true).all();
                    ArtifactSearcher searcher = new ArtifactSearcher(reader, segments);
                    hits += searcher.count(query); // gathers the matches once: both collections below reuse them
                    for (int turn = 0; turn < 2; turn++) {
                        boolean luceneTurn = (turn + i) % 2 == 0;
                        long t0 = mx.getCurrentThreadCpuTime();
                        if (luceneTurn) {
                            searcher.search(query, new TopFieldCollectorManager(SortFields.of(SortOrder.RELEVANCE), 25, null, Integer.MAX_VALUE));
                            lucene += mx.getCurrentThreadCpuTime() - t0;
                        } else {
                            searcher.search(query, new RelevancePage(25, null));
                            page += mx.getCurrentThreadCpuTime() - t0;
                        }
                    }
                }
                System.out.printf("pass %d: hits %d, lucene sort %.3f ms, relevance page %.3f ms%n", pass, hits / rounds,
                        lucene / 1e6 / rounds, page / 1e6 / rounds);
            }
        }
    }
}
