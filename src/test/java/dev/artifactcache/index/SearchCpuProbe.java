package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Measurement aid, not a test: process CPU per distinct search on a generated corpus, by kind,
 * with {@code clients} threads searching at once. Arguments: documents, requests per kind and
 * pass, clients.
 */
final class SearchCpuProbe {

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        GeneratedCorpus corpus = new GeneratedCorpus(7);
        List<ArtifactRow> rows = corpus.rows(size);
        // probe.dir keeps the built index for the next run (A/B runs search the same segments).
        String keep = System.getProperty("probe.dir");
        Path dir = keep == null ? Files.createTempDirectory("probe") : Files.createDirectories(Path.of(keep));
        if (keep == null || new IndexFolder(dir.resolve("lucene")).active().isEmpty()) try (ArtifactIndex built = ArtifactIndex.open(dir.resolve("lucene"))) {
            built.rebuild(rows.iterator(), rows.size());
            // Live writes as a running service has them: a small segment each.
            for (int batch = 0; batch < 8; batch++) {
                built.apply(rows.subList(batch * 10, batch * 10 + 10).stream().map(row -> new ArtifactRow(row.collection(), row.id(),
                        row.metadata(), row.syncedAt(), row.updatedAt(), row.seq() + size, false)).toList());
            }
            built.commit();
        }
        Path active = new IndexFolder(dir.resolve("lucene")).active().orElseThrow();
        Map<String, Function<Random, SearchRequest.Builder>> kinds = new LinkedHashMap<>();
        kinds.put("browse_facets", r -> SearchRequest.builder().tags(MatchMode.ANY, corpus.tags.get(r.nextInt(100))).facets(true));
        kinds.put("prefix3", r -> SearchRequest.builder().q(word(corpus, r).substring(0, 3)));
        kinds.put("prefix3_facets", r -> SearchRequest.builder().q(word(corpus, r).substring(0, 3)).facets(true));
        kinds.put("word", r -> SearchRequest.builder().q(word(corpus, r)));
        kinds.put("typo", r -> SearchRequest.builder().q(typo(corpus, r)));
        kinds.put("words_tag_facets", r -> SearchRequest.builder().q(word(corpus, r) + " " + word(corpus, r))
                .tags(MatchMode.ANY, corpus.tags.get(r.nextInt(40))).facets(true));
        kinds.put("prefix3_hl", r -> SearchRequest.builder().q(word(corpus, r).substring(0, 3)).highlight(true));
        String only = System.getProperty("probe.kinds");
        if (only != null) {
            kinds.keySet().retainAll(List.of(only.split(",")));
        }
        ExecutorService clientPool = Executors.newFixedThreadPool(clients);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (var directory = FSDirectory.open(active); var reader = DirectoryReader.open(directory)) {
            System.out.println("segments: " + reader.leaves().size());
            Random random = new Random(1);
            SegmentCache segments = new SegmentCache();
            for (int pass = 0; pass < Integer.getInteger("probe.passes", 5); pass++) {
                StringBuilder line = new StringBuilder("pass " + pass + ":");
                for (var kind : kinds.entrySet()) {
                    List<SearchRequest> requests = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        requests.add(kind.getValue().apply(random).limit(24).build());
                    }
                    long cpu = os.getProcessCpuTime();
                    long wall = System.nanoTime();
                    List<Future<Long>> done = new ArrayList<>();
                    AtomicLong requestCpu = new AtomicLong(); // the searching threads' own CPU: no JIT or GC threads
                    for (int c = 0; c < clients; c++) {
                        int client = c;
                        done.add(clientPool.submit(() -> {
                            long total = 0;
                            long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                            for (int i = client; i < requests.size(); i += clients) {
                                // A new searcher per request: no summary answers it. The segment cache lives on, as in the
                                // service (its words' matches rarely repeat among distinct requests; a cache per request
                                // would re-read the facet values each time and keep every one alive through its listener).
                                total += ArtifactSearch.run(new ArtifactSearcher(reader, segments), requests.get(i)).totalCount();
                            }
                            requestCpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu);
                            return total;
                        }));
                    }
                    long total = 0;
                    for (Future<Long> f : done) {
                        total += f.get();
                    }
                    double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / rounds;
                    double perSecond = rounds / ((System.nanoTime() - wall) / 1e9);
                    line.append(String.format(" %s=%.3fms cpu (%.3fms searching) %.0f/s (hits %d)", kind.getKey(), cpuMs,
                            requestCpu.get() / 1e6 / rounds, perSecond, total / rounds));
                }
                System.out.println(line);
            }
        } finally {
            clientPool.shutdown();
        }
    }

    /** A word of 5 or more letters with two neighbouring letters swapped, as the benchmark's mix draws one. */
    private static String typo(GeneratedCorpus corpus, Random random) {
        String word;
        do {
            word = word(corpus, random);
        } while (word.length() < 5);
        int at = 1 + random.nextInt(word.length() - 2);
        char[] letters = word.toCharArray();
        char swapped = letters[at];
        letters[at] = letters[at + 1];
        letters[at + 1] = swapped;
        return new String(letters);
    }

    private static String word(GeneratedCorpus corpus, Random random) {
        return corpus.words.get(random.nextInt(corpus.words.size()));
    }
}
