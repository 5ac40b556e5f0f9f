package dev.artifactcache.collection;

import java.time.Instant;
import java.util.List;

/**
 * What the files say about one artifact, after formats.md's "which value wins" rules: everything
 * the cache keeps except the bookkeeping the store adds (synced_at, updated_at, seq).
 *
 * <p>Text values are trimmed; a blank value is {@code null}. Lists are never null.
 *
 * @param collection      the collection's folder name
 * @param id              identity; name and type come from it
 * @param title           display title, or null
 * @param source          the manifest's {@code upstream}, or null
 * @param origin          {@code local}, {@code github} or {@code marketplace}
 * @param originSource    {@code github}, {@code gitlab} or {@code bitbucket} (marketplace only), or null
 * @param versionSpec     e.g. {@code latest}, {@code v1.2.0}, or null
 * @param resolvedSha     from the manifest, else the lock entry, or null
 * @param resolvedVersion from the manifest, else the lock entry, or null
 * @param version         the artifact's own version (frontmatter, else metadata), or null
 * @param description     frontmatter, else metadata, else first body line (200 chars), or null
 * @param author          or null
 * @param license         or null
 * @param tags            union of manifest tags, metadata tags and frontmatter tags, first-seen order
 * @param tools           canonical tool names, first-seen order, no duplicates
 * @param contentHash     SHA-256 (hex) of the metadata file, or of the manifest entry for file-less types
 * @param syncError       the error that made the read fail (set exactly when {@code failed}), or null
 * @param failed          true when the metadata file could not be read; then only manifest values are filled
 * @param added           when the artifact was added (manifest {@code added}, naive UTC), or null
 * @param syncWarnings    what was ignored while the artifact was read (frontmatter read line by line, a value of
 *                        the wrong type, a bad origin), each naming the file and field; never null
 */
public record ArtifactMetadata(
        String collection,
        ArtifactId id,
        String title,
        String source,
        String origin,
        String originSource,
        String versionSpec,
        String resolvedSha,
        String resolvedVersion,
        String version,
        String description,
        String author,
        String license,
        List<String> tags,
        List<String> tools,
        String contentHash,
        String syncError,
        boolean failed,
        Instant added,
        List<String> syncWarnings) {

    public ArtifactMetadata {
        tags = List.copyOf(tags);
        tools = List.copyOf(tools);
        syncWarnings = List.copyOf(syncWarnings);
    }

    /** Without warnings: the shape rows had before sync_warnings existed (tests and fixtures build these). */
    public ArtifactMetadata(String collection, ArtifactId id, String title, String source, String origin, String originSource,
                            String versionSpec, String resolvedSha, String resolvedVersion, String version, String description,
                            String author, String license, List<String> tags, List<String> tools, String contentHash,
                            String syncError, boolean failed, Instant added) {
        this(collection, id, title, source, origin, originSource, versionSpec, resolvedSha, resolvedVersion, version,
                description, author, license, tags, tools, contentHash, syncError, failed, added, List.of());
    }

    public String name() {
        return id.name();
    }

    public ArtifactType type() {
        return id.type();
    }
}
