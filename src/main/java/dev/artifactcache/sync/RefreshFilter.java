package dev.artifactcache.sync;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactType;

import java.util.List;

/**
 * Which artifacts a batch refresh re-syncs. Every part narrows the choice (AND); an empty list
 * does not narrow. With nothing set, every artifact of every collection is re-synced.
 *
 * @param collection one collection, or null for all
 * @param types      artifact types (any of them)
 * @param tags       tags (any of them)
 * @param ids        artifact ids
 * @param staleOnly  only documents whose files were checked longer than the TTL ago
 */
public record RefreshFilter(String collection, List<ArtifactType> types, List<String> tags, List<ArtifactId> ids,
                            boolean staleOnly) {

    public static final RefreshFilter EVERYTHING = new RefreshFilter(null, List.of(), List.of(), List.of(), false);

    public RefreshFilter {
        types = List.copyOf(types);
        tags = List.copyOf(tags);
        ids = List.copyOf(ids);
    }

    /** Whether the index has to pick the artifacts (types, tags and staleness are known only there). */
    boolean needsIndex() {
        return !types.isEmpty() || !tags.isEmpty() || staleOnly;
    }
}
