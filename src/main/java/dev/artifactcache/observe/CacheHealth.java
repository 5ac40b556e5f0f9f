package dev.artifactcache.observe;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.collection.HomeCheck;
import dev.artifactcache.sync.PopulationStatus;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Readiness as an operator needs it: the database answers, the index is open and sound, and the
 * first population is done (or was not needed: the index was in step when the service started, or,
 * with several nodes, when this node took the ingester's lease with an index in step from tailing).
 */
public final class CacheHealth {

    private CacheHealth() {
    }

    public static HealthCheck[] checks(ArtifactCache cache) {
        return new HealthCheck[] {database(cache), index(cache), population(cache), home(cache)};
    }

    /**
     * A recovery at start (a broken embedded database moved aside and rebuilt from the files) is a
     * fact to report, not a failure: the check stays up and names when, why and where the broken files are.
     */
    private static HealthCheck database(ArtifactCache cache) {
        return check("database", () -> {
            HealthCheckResponse.Builder response = HealthCheckResponse.builder();
            cache.recovery().ifPresent(recovery -> response
                    .detail("recoveredAt", recovery.at().toString())
                    .detail("recoveryReason", recovery.reason())
                    .detail("movedAside", recovery.movedAside().stream().map(Path::toString).toList()));
            try {
                return response.status(true).detail("lastSeq", cache.store().ping()).build();
            } catch (RuntimeException e) {
                return response.status(false).detail("error", String.valueOf(e.getMessage())).build();
            }
        });
    }

    private static HealthCheck index(ArtifactCache cache) {
        return check("index", () -> {
            boolean sound = !cache.index().needsRebuild();
            HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                    .status(sound)
                    .detail("documents", cache.index().documentCount())
                    .detail("appliedSeq", cache.index().appliedSeq())
                    .detail("lag", cache.mirror().lag());
            if (!sound) {
                response.detail("error", "the index was missing, corrupt or of another schema; it is being rebuilt from the database");
            }
            return response.build();
        });
    }

    private static HealthCheck population(ArtifactCache cache) {
        return check("population", () -> {
            PopulationStatus status = cache.population().status();
            // An index in step before this population (a warm start, or a replica that took over the
            // lease) serves reads while it runs, and if it fails: the details say so.
            boolean inStep = cache.startedInStep() || cache.replicaInStep();
            HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                    .status(inStep || status.state() == PopulationStatus.State.DONE)
                    .detail("state", status.state().name().toLowerCase(Locale.ROOT))
                    .detail("collections", status.collectionsDone() + "/" + status.collectionsTotal())
                    .detail("artifacts", status.artifactsDone())
                    .detail("startedInStep", cache.startedInStep())
                    .detail("ingester", cache.ingests());
            if (cache.replicaInStep()) {
                response.detail("replicaInStep", true);
            }
            if (status.failure() != null) {
                response.detail("failure", status.failure());
            }
            if (status.finishedAt() != null) {
                response.detail("finishedAt", status.finishedAt().toString());
            }
            return response.build();
        });
    }

    /**
     * The home the service reads, and a warning when it is missing or holds no collections: up either
     * way (the service serves what it has), but the page and an operator see why the cache is empty.
     */
    private static HealthCheck home(ArtifactCache cache) {
        return check("home", () -> {
            HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(true)
                    .detail("path", cache.settings().home().toString());
            HomeCheck.problem(cache.settings().home()).ifPresent(warning -> response.detail("warning", warning));
            return response.build();
        });
    }

    private static HealthCheck check(String name, Supplier<HealthCheckResponse> call) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public HealthCheckResponse call() {
                return call.get();
            }
        };
    }
}
