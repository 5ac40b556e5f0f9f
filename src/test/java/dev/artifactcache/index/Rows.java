package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.store.ArtifactRow;

import java.time.Instant;
import java.util.List;

/** Builds rows for tests: only what search looks at varies, the rest is filled in. */
final class Rows {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private Rows() {
    }

    static ArtifactRow row(String collection, ArtifactType type, String name, String title, String description,
                           List<String> tags, List<String> tools, String origin, Instant syncedAt, Instant updatedAt, long seq) {
        ArtifactId id = new ArtifactId(type, name);
        ArtifactMetadata metadata = new ArtifactMetadata(collection, id, title, null, origin, null, null, null, null, "1.0.0",
                description, "Acme", "MIT", tags, tools, "hash-" + name, null, false, T0.minusSeconds(86_400));
        return new ArtifactRow(collection, id.toString(), metadata, syncedAt, updatedAt, seq, false);
    }

    static ArtifactRow simple(String collection, String id, long seq) {
        ArtifactId parsed = ArtifactId.parse(id);
        return row(collection, parsed.type(), parsed.name(), null, "about " + parsed.name(), List.of(), List.of(), "local",
                T0, T0, seq);
    }

    static ArtifactRow tombstone(String collection, String id, long seq) {
        return new ArtifactRow(collection, id, null, T0, T0, seq, true);
    }
}
