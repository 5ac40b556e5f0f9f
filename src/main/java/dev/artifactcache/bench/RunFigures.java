package dev.artifactcache.bench;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;

/**
 * Everything measured for one collection size.
 *
 * @param home             what the generator wrote
 * @param generateMs       time to generate the home
 * @param cold             start on an empty data folder: ready means populated
 * @param warm             restart on the data of the cold start, files unchanged: ready means the first query answered
 * @param mix              each query of the repeated mix, run once and checked before the timed runs
 * @param distinctRequests how many distinct requests the distinct mix has
 * @param firstTookMs      the server's took_ms (nanoseconds) of each distinct request's first answer, by kind
 * @param queries          the distinct mix, one run per client count
 * @param cached           the repeated mix (its requests answered by the per-reader caches), one run per client count
 * @param floor            the trivial JSON route, one run per client count
 * @param textTimes        the server's took_ms of a word with two filters and facets, new words then again
 * @param heapAfterGcBytes heap in use after a full GC with everything indexed and queried, or null
 * @param rssBytes         resident memory of the service's process at the same moment, or null
 * @param fileReads        growth of {@code artifact_cache_file_reads_total} during the query runs, or null when not exported
 * @param syncWarmup       sync-artifact after an edit, the unmeasured edits before {@code sync} (the write path's warm-up)
 * @param sync             sync-artifact after an edit
 * @param syncCpu          the service's CPU over the sync-artifact edits
 * @param watcher          watcher: edit → visible
 */
record RunFigures(HomeGenerator.GeneratedHome home, long generateMs, Start cold, Start warm, List<QueryMix.Checked> mix,
                  int distinctRequests, Map<String, Histogram> firstTookMs, List<LoadRun> queries, List<LoadRun> cached, List<LoadRun> floor, TextSearchTimes.Outcome textTimes, Long heapAfterGcBytes, Long rssBytes, Long fileReads,
                  EditScenarios.Outcome syncWarmup, EditScenarios.Outcome sync, CpuUse syncCpu, EditScenarios.Outcome watcher) {

    /**
     * One start of the service, times from the launch of its JVM.
     *
     * @param listeningMs  the API server listens
     * @param readyMs      cold: the population logged done; warm: the first listing query answered 200
     * @param populatedMs  the population (cold) or re-scan (warm) logged done
     * @param populationMs the population's own duration, as it logs it
     * @param toReady      CPU from launch to ready
     * @param toPopulated  CPU from launch to populated
     */
    record Start(long listeningMs, long readyMs, long populatedMs, long populationMs, CpuUse toReady, CpuUse toPopulated) {
    }

    /** One load run and the CPU it took. */
    record LoadRun(LoadDriver.Result result, CpuUse cpu) {

        /** Service CPU per request, milliseconds. */
        double serviceCpuMsPerRequest() {
            return result.requests() == 0 ? 0 : cpu.serviceSeconds() * 1000 / result.requests();
        }
    }

    int artifacts() {
        return home.spec().artifacts();
    }

    LoadRun queries(int clients) {
        return queries.stream().filter(r -> r.result().clients() == clients).findFirst().orElse(null);
    }

    LoadRun cached(int clients) {
        return cached.stream().filter(r -> r.result().clients() == clients).findFirst().orElse(null);
    }

    LoadRun floor(int clients) {
        return floor.stream().filter(r -> r.result().clients() == clients).findFirst().orElse(null);
    }
}
