package dev.artifactcache.bench;

import java.util.List;

/**
 * Everything measured for one collection size.
 *
 * @param home              what the generator wrote
 * @param generateMs        time to generate the home
 * @param coldListeningMs   launch of the JVM → the API server listens (empty index)
 * @param coldReadyMs       launch of the JVM → the cold population logged done
 * @param coldPopulationMs  the population's own duration, as it logs it
 * @param mix               each query of the mix, run once and checked before the timed runs
 * @param queries           the query mix, one result per client count
 * @param floor             the trivial JSON route, one result per client count
 * @param heapAfterGcBytes  heap in use after a full GC with everything indexed and queried, or null
 * @param rssBytes          resident memory of the service's process at the same moment, or null
 * @param fileReads         growth of {@code artifact_cache_file_reads_total} during the query runs, or null when not exported
 * @param warmListeningMs   restart: launch → the API server listens
 * @param warmFirstQueryMs  restart: launch → the first listing query answered 200
 * @param warmRescanMs      restart: the background re-scan of unchanged files, as it logs it
 * @param sync              sync-artifact after an edit
 * @param watcher           watcher: edit → visible
 */
record RunFigures(HomeGenerator.GeneratedHome home, long generateMs, long coldListeningMs, long coldReadyMs,
                  long coldPopulationMs, List<QueryMix.Checked> mix, List<LoadDriver.Result> queries,
                  List<LoadDriver.Result> floor, Long heapAfterGcBytes, Long rssBytes, Long fileReads,
                  long warmListeningMs, long warmFirstQueryMs, long warmRescanMs, EditScenarios.Outcome sync,
                  EditScenarios.Outcome watcher) {

    int artifacts() {
        return home.spec().artifacts();
    }

    LoadDriver.Result queries(int clients) {
        return queries.stream().filter(r -> r.clients() == clients).findFirst().orElse(null);
    }

    LoadDriver.Result floor(int clients) {
        return floor.stream().filter(r -> r.clients() == clients).findFirst().orElse(null);
    }
}
