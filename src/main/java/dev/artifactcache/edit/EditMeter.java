package dev.artifactcache.edit;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/** Counts edits by outcome: {@code artifact_cache_edits_total{outcome="updated|unchanged|refused_400|...}}. */
final class EditMeter {

    private final MeterRegistry registry = Metrics.globalRegistry();

    void count(String outcome) {
        registry.getOrCreate(Counter.builder("artifact_cache_edits")
                .description("Web edits of artifact metadata, by outcome")
                .tags(java.util.List.of(Tag.create("outcome", outcome)))).increment();
    }
}
