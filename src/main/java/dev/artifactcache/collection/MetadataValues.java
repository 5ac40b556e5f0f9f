package dev.artifactcache.collection;

import java.util.List;

/**
 * The descriptive values one source states about an artifact: the manifest's
 * {@code [artifacts.metadata]} table, or the frontmatter of the artifact's file. Text is trimmed
 * and blank text is null; tags and tools are parsed, deduplicated lists (tools in canonical
 * spelling), never null.
 */
public record MetadataValues(
        String title,
        String description,
        String author,
        String license,
        String version,
        List<String> tags,
        List<String> tools) {

    public static final MetadataValues EMPTY = new MetadataValues(null, null, null, null, null, List.of(), List.of());

    public MetadataValues {
        tags = List.copyOf(tags);
        tools = List.copyOf(tools);
    }
}
