package dev.artifactcache.collection;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One {@code [[artifacts]]} table whose identity is valid, merged with its lock entry: what
 * {@link ArtifactReader} needs to read the artifact. Text is trimmed, blank text is null.
 *
 * <p>Equality ignores {@link #line()}: adding an artifact near the top of the manifest shifts
 * every later line, and that must not make unchanged entries look changed to the sync.
 *
 * @param id              type and name (the name exactly as written)
 * @param line            1-based line of the {@code [[artifacts]]} header, for messages
 * @param path            {@code path} as written (relative to the collection folder), or null
 * @param origin          {@code origin} as written, or null; checked by {@link ArtifactReader}
 * @param originSource    {@code origin_source} as written, or null
 * @param upstream        manifest {@code upstream}, else the lock entry's, or null
 * @param versionSpec     {@code version_spec}, or null
 * @param resolvedSha     manifest {@code resolved_sha}, else the lock entry's, or null
 * @param resolvedVersion manifest {@code resolved_version}, else the lock entry's, or null
 * @param added           {@code added} as an instant (naive timestamps are UTC), or null when missing or unparseable
 * @param tags            the manifest's {@code tags}, blank items dropped, no duplicates
 * @param metadata        the {@code [artifacts.metadata]} table ({@link MetadataValues#EMPTY} when absent)
 * @param warnings        the values of this table that were ignored (wrong type) or are missing though required,
 *                        each naming the line and field
 */
public record ManifestEntry(
        ArtifactId id,
        int line,
        String path,
        String origin,
        String originSource,
        String upstream,
        String versionSpec,
        String resolvedSha,
        String resolvedVersion,
        Instant added,
        List<String> tags,
        MetadataValues metadata,
        List<String> warnings) {

    public ManifestEntry {
        Objects.requireNonNull(id, "id");
        tags = List.copyOf(tags);
        Objects.requireNonNull(metadata, "metadata");
        warnings = List.copyOf(warnings);
    }

    public ArtifactType type() {
        return id.type();
    }

    public String name() {
        return id.name();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ManifestEntry that
                && id.equals(that.id)
                && Objects.equals(path, that.path)
                && Objects.equals(origin, that.origin)
                && Objects.equals(originSource, that.originSource)
                && Objects.equals(upstream, that.upstream)
                && Objects.equals(versionSpec, that.versionSpec)
                && Objects.equals(resolvedSha, that.resolvedSha)
                && Objects.equals(resolvedVersion, that.resolvedVersion)
                && Objects.equals(added, that.added)
                && tags.equals(that.tags)
                && metadata.equals(that.metadata)
                && warnings.equals(that.warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, path, origin, originSource, upstream, versionSpec, resolvedSha, resolvedVersion, added, tags, metadata, warnings);
    }
}
