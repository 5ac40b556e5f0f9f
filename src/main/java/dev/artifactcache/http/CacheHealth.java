package dev.artifactcache.http;

import dev.artifactcache.ArtifactCache;
import dev.artifactcache.sync.PopulationStatus;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Readiness as an operator needs it: the index is open and in step, the first population is done. */
public final class CacheHealth {

    private CacheHealth() {
    }

    public static HealthCheck[] checks(ArtifactCache cache) {
        return new HealthCheck[] {index(cache), population(cache)};
    }

    private static HealthCheck index(ArtifactCache cache) {
        return check("index", HealthCheckType.READINESS, () -> HealthCheckResponse.builder()
                .status(true)
                .detail("documents", cache.index().documentCount())
                .detail("appliedSeq", cache.index().appliedSeq())
                .detail("lag", cache.mirror().lag())
                .build());
    }

    private static HealthCheck population(ArtifactCache cache) {
        return check("population", HealthCheckType.READINESS, () -> {
            PopulationStatus status = cache.population().status();
            HealthCheckResponse.Builder response = HealthCheckResponse.builder()
                    .status(status.state() == PopulationStatus.State.DONE)
                    .detail("state", status.state().name().toLowerCase(java.util.Locale.ROOT))
                    .detail("collections", status.collectionsDone() + "/" + status.collectionsTotal())
                    .detail("artifacts", status.artifactsDone());
            if (status.failure() != null) {
                response.detail("failure", status.failure());
            }
            return response.build();
        });
    }

    private static HealthCheck check(String name, HealthCheckType type, java.util.function.Supplier<HealthCheckResponse> call) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckType type() {
                return type;
            }

            @Override
            public HealthCheckResponse call() {
                return call.get();
            }
        };
    }
}
