package dev.artifactcache.edit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values one edit sets: SkillMeat's {@code ArtifactUpdateRequest} reduced to what the files
 * hold. A null component is left as it is in the files.
 *
 * @param title       the title, or null
 * @param description the description, or null
 * @param author      the author, or null
 * @param license     the license, or null
 * @param tags        the whole new tag list (the union of every place tags are read from), or null
 */
public record MetadataEdit(String title, String description, String author, String license, List<String> tags) {

    public MetadataEdit {
        tags = tags == null ? null : List.copyOf(tags);
    }

    /** The scalar values to set, by the key they have in both frontmatter and {@code [artifacts.metadata]}, in a fixed order. */
    public Map<String, String> scalars() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "title", title);
        put(values, "description", description);
        put(values, "author", author);
        put(values, "license", license);
        return values;
    }

    /** True when the edit sets nothing. */
    public boolean isEmpty() {
        return scalars().isEmpty() && tags == null;
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }
}
