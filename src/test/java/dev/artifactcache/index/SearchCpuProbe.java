package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.bench.DistinctMix;
import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import java.util.function.Function;

/**
 * Measurement aid, not a test: process CPU per distinct search on a generated corpus, by kind,
 * with {@code clients} threads searching at once. Arguments: documents, requests per kind and
 * pass, clients. System properties: {@code probe.kinds} (comma-separated) keeps only those kinds;
 * {@code probe.sharedSegments=true} keeps one segment cache for all requests, as a running service
 * does (each segment's facet values built once), while each request still gets a new searcher (no
 * summary cache answers it); {@code probe.passes} the number of passes (5).
 */
final class SearchCpuProbe {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        // Four letters are also a typo of one edit (the benchmark's prefixes have 3 or 4).
        kinds.put("prefix4_facets", r -> SearchRequest.builder().q(word(corpus, r, 4).substring(0, 4)).facets(true));
        kinds.put("word", r -> SearchRequest.builder().q(word(corpus, r)));
        kinds.put("typo", r -> SearchRequest.builder().q(typo(corpus, r)));
        kinds.put("words_tag_facets", r -> SearchRequest.builder().q(word(corpus, r) + " " + word(corpus, r))
                .tags(MatchMode.ANY, corpus.tags.get(r.nextInt(40))).facets(true));
        // The benchmark's requests without text (issue #17's mix), first pages.
        kinds.put("browse", r -> {
            SearchRequest.Builder browse = SearchRequest.builder().sort(sort(r));
            return r.nextBoolean() ? browse : browse.origins(GeneratedCorpus.ORIGINS.get(r.nextInt(3)));
        });
        kinds.put("type_facets", r -> SearchRequest.builder().types(types(r)).facets(true).sort(sort(r)));
        kinds.put("type_tag", r -> SearchRequest.builder().types(ArtifactType.values()[r.nextInt(ArtifactType.values().length)])
                .tags(MatchMode.ANY, corpus.tags.get(r.nextInt(100))));
        kinds.put("tools_all_by_date", r -> SearchRequest.builder().tools(MatchMode.ALL, two(GeneratedCorpus.TOOLS.subList(0, 8), r))
                .sort(SortOrder.UPDATED_DESC));
        kinds.put("prefix3_hl", r -> SearchRequest.builder().q(word(corpus, r).substring(0, 3)).highlight(true));
        String only = System.getProperty("probe.kinds");
        if (only != null) {
            kinds.keySet().retainAll(List.of(only.split(",")));
        }
        SegmentCache shared = Boolean.getBoolean("probe.sharedSegments") ? new SegmentCache() : null;
        ExecutorService clientPool = Executors.newFixedThreadPool(clients);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (var directory = FSDirectory.open(active); var reader = DirectoryReader.open(directory)) {
            System.out.println("segments: " + reader.leaves().size());
            Random random = new Random(1);
            for (int pass = 0; pass < Integer.getInteger("probe.passes", 5); pass++) {
                StringBuilder line = new StringBuilder("pass " + pass + ":");
                for (var kind : kinds.entrySet()) {
                    List<SearchRequest> requests = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        requests.add(kind.getValue().apply(random).limit(24).build());
                    }
                    long cpu = os.getProcessCpuTime();
                    long wall = System.nanoTime();
                    List<Future<long[]>> done = new ArrayList<>();
                    for (int c = 0; c < clients; c++) {
                        int client = c;
                        done.add(clientPool.submit(() -> {
                            long total = 0;
                            long threadCpu = THREADS.getCurrentThreadCpuTime();
                            for (int i = client; i < requests.size(); i += clients) {
                                // A new searcher and segment cache per request: no summary or matches cache answers it.
                                total += ArtifactSearch.run(new ArtifactSearcher(reader, shared == null ? new SegmentCache() : shared),
                                        requests.get(i)).totalCount();
                            }
                            return new long[] {total, THREADS.getCurrentThreadCpuTime() - threadCpu};
                        }));
                    }
                    long total = 0;
                    long threadCpu = 0;
                    for (Future<long[]> f : done) {
                        total += f.get()[0];
                        threadCpu += f.get()[1];
                    }
                    double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / rounds;
                    double perSecond = rounds / ((System.nanoTime() - wall) / 1e9);
                    // The clients' own CPU leaves out the JIT and GC threads: steadier between runs.
                    line.append(String.format(" %s=%.3fms cpu (%.3f clients) %.0f/s (hits %d)", kind.getKey(), cpuMs,
                            threadCpu / 1e6 / rounds, perSecond, total / rounds));
                }
                System.out.println(line);
            }
        } finally {
            clientPool.shutdown();
        }
        holding(dir, rows);
    }

    /** The clients' CPU of finding the collections that hold a page's 24 items (listings add it to each item). */
    private static void holding(Path dir, List<ArtifactRow> rows) throws Exception {
        try (ArtifactIndex index = ArtifactIndex.open(dir.resolve("lucene"))) {
            Random random = new Random(2);
            for (int pass = 0; pass < Integer.getInteger("probe.passes", 5); pass++) {
                int pages = 500;
                long cpu = THREADS.getCurrentThreadCpuTime();
                long held = 0;
                for (int page = 0; page < pages; page++) {
                    List<ArtifactRow> items = new ArrayList<>();
                    for (int i = 0; i < 24; i++) {
                        items.add(rows.get(random.nextInt(rows.size())));
                    }
                    held += index.collectionsHolding(items).values().stream().mapToLong(List::size).sum();
                }
                System.out.printf("holding pass %d: %.3fms cpu per page (held %d)%n", pass,
                        (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / pages, held);
            }
        }
    }

    private static SortOrder sort(Random random) {
        return List.of(SortOrder.NAME, SortOrder.NAME_DESC, SortOrder.UPDATED, SortOrder.UPDATED_DESC).get(random.nextInt(4));
    }

    private static List<ArtifactType> types(Random random) {
        List<ArtifactType> all = List.of(ArtifactType.values());
        return random.nextBoolean() ? List.of(all.get(random.nextInt(all.size()))) : two(all, random);
    }

    private static <T> List<T> two(List<T> values, Random random) {
        int first = random.nextInt(values.size());
        int second = (first + 1 + random.nextInt(values.size() - 1)) % values.size();
        return List.of(values.get(first), values.get(second));
    }

    /** A word of 5 or more letters with two neighbouring letters swapped, as the benchmark's mix draws one. */
    private static String typo(GeneratedCorpus corpus, Random random) {
        return DistinctMix.swapNeighbours(word(corpus, random, 5), random);
    }

    private static String word(GeneratedCorpus corpus, Random random) {
        return corpus.words.get(random.nextInt(corpus.words.size()));
    }

    /** A word of {@code letters} letters or more. */
    private static String word(GeneratedCorpus corpus, Random random, int letters) {
        String word;
        do {
            word = word(corpus, random);
        } while (word.length() < letters);
        return word;
    }
}
