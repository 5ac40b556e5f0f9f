package dev.artifactcache.collection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The {@code content_hash} of formats.md: SHA-256, lower-case hex. */
final class ContentHash {

    private ContentHash() {
    }

    static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The hash of a file-less artifact (hook, mcp, workflow, composite): of a canonical text of
     * its manifest entry, so it changes exactly when a value the cache keeps changes. Every value
     * is length-prefixed, so no two different entries share a text; the line is not content.
     */
    static String of(ManifestEntry entry) {
        StringBuilder text = new StringBuilder(256);
        field(text, "id", entry.id().toString());
        field(text, "path", entry.path());
        field(text, "origin", entry.origin());
        field(text, "origin_source", entry.originSource());
        field(text, "upstream", entry.upstream());
        field(text, "version_spec", entry.versionSpec());
        field(text, "resolved_sha", entry.resolvedSha());
        field(text, "resolved_version", entry.resolvedVersion());
        field(text, "added", entry.added() == null ? null : entry.added().toString());
        list(text, "tags", entry.tags());
        MetadataValues metadata = entry.metadata();
        field(text, "metadata.title", metadata.title());
        field(text, "metadata.description", metadata.description());
        field(text, "metadata.author", metadata.author());
        field(text, "metadata.license", metadata.license());
        field(text, "metadata.version", metadata.version());
        list(text, "metadata.tags", metadata.tags());
        list(text, "metadata.tools", metadata.tools());
        return of(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(name);
        if (value == null) {
            text.append(" -\n");
        } else {
            text.append(' ').append(value.length()).append(':').append(value).append('\n');
        }
    }

    private static void list(StringBuilder text, String name, List<String> values) {
        text.append(name).append(' ').append(values.size()).append('\n');
        for (String value : values) {
            field(text, " ", value);
        }
    }
}
