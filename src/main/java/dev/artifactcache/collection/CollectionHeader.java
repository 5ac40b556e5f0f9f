package dev.artifactcache.collection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What collection.toml says of the collection itself, beside its artifacts (formats.md): the
 * {@code [collection]} times, the {@code [[groups]]} SkillMeat's web app arranges artifacts in, and
 * the {@code [[tag_definitions]]} it gives colours to. A table of the wrong shape is skipped: it
 * never costs the collection its artifacts.
 *
 * @param created        {@code [collection] created}, or null when missing or not a time
 * @param updated        {@code [collection] updated}, or null
 * @param groups         by {@code position}, then file order
 * @param tagDefinitions in file order
 */
public record CollectionHeader(Instant created, Instant updated, List<Group> groups, List<TagDefinition> tagDefinitions) {

    public static final CollectionHeader EMPTY = new CollectionHeader(null, null, List.of(), List.of());

    public CollectionHeader {
        groups = List.copyOf(groups);
        tagDefinitions = List.copyOf(tagDefinitions);
    }

    /**
     * A {@code [[groups]]} table.
     *
     * @param members artifact ids ({@code type:name}), in the group's order
     */
    public record Group(String name, String description, String color, String icon, int position, List<String> members) {

        public Group {
            members = List.copyOf(members);
        }
    }

    /** A {@code [[tag_definitions]]} table. */
    public record TagDefinition(String name, String slug, String color, String description) {
    }

    /** Reads the tables outside {@code [[artifacts]]}; unknown keys are ignored. */
    static CollectionHeader of(Map<String, Object> document) {
        Map<String, Object> collection = document.get("collection") instanceof Map<?, ?> table ? cast(table) : Map.of();
        List<Group> groups = new ArrayList<>();
        for (Map<String, Object> table : tables(document.get("groups"))) {
            String name = TomlFields.text(table, "name");
            if (name != null) {
                groups.add(new Group(name, TomlFields.text(table, "description"), TomlFields.text(table, "color"),
                        TomlFields.text(table, "icon"), position(table), TagLists.of(table.get("members"))));
            }
        }
        groups.sort(Comparator.comparingInt(Group::position)); // stable: file order among equal positions
        List<TagDefinition> tags = new ArrayList<>();
        for (Map<String, Object> table : tables(document.get("tag_definitions"))) {
            String name = TomlFields.text(table, "name");
            if (name != null) {
                tags.add(new TagDefinition(name, TomlFields.text(table, "slug"), TomlFields.text(table, "color"),
                        TomlFields.text(table, "description")));
            }
        }
        return new CollectionHeader(TomlFields.timestamp(collection, "created"), TomlFields.timestamp(collection, "updated"),
                groups, tags);
    }

    private static int position(Map<String, Object> table) {
        return table.get("position") instanceof Number number ? number.intValue() : 0;
    }

    private static List<Map<String, Object>> tables(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(item -> cast((Map<?, ?>) item)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> table) {
        return (Map<String, Object>) table;
    }
}
