package dev.artifactcache.collection;

import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of one {@code [[artifacts]]} table (or its {@code metadata} sub-table) and
 * collects a warning for each value of the wrong type, naming the line and field: a value that
 * cannot be used is ignored, never silently (formats.md).
 */
final class EntryFields {

    private final Map<String, Object> table;
    private final String where;
    private final String prefix;
    private final List<String> warnings;

    private EntryFields(Map<String, Object> table, String where, String prefix, List<String> warnings) {
        this.table = table;
        this.where = where;
        this.prefix = prefix;
        this.warnings = warnings;
    }

    /** @param line the file line of the table's {@code [[artifacts]]} header */
    static EntryFields of(Map<String, Object> table, int line) {
        return new EntryFields(table, ManifestReader.MANIFEST_FILE + " line " + line + ": ", "", new ArrayList<>());
    }

    /** The {@code metadata} sub-table, sharing this table's warnings; empty when absent or not a table. */
    @SuppressWarnings("unchecked")
    EntryFields metadata() {
        Object value = table.get("metadata");
        if (value != null && !(value instanceof Map)) {
            ignored("metadata", value, "a table ([artifacts.metadata])");
        }
        Map<String, Object> metadata = value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        return new EntryFields(metadata, where, "metadata.", warnings);
    }

    boolean isEmpty() {
        return table.isEmpty();
    }

    /** A scalar as trimmed text (numbers and booleans in their TOML spelling), or null; an array or table is a warning. */
    String text(String key) {
        Object value = table.get(key);
        if (value instanceof List || value instanceof Map) {
            ignored(key, value, "text");
            return null;
        }
        return TomlFields.scalarText(value);
    }

    /** Tags: an array of strings (a comma-separated string is accepted too); items that are arrays or tables are warnings. */
    List<String> tags(String key) {
        return TagLists.of(stringList(key));
    }

    /** Tools, as {@link #tags} but normalised by {@link ToolNames}. */
    List<String> tools(String key) {
        return ToolNames.of(stringList(key));
    }

    /** A timestamp (formats.md); a value of another type, or text that is no timestamp, is a warning. */
    Instant timestamp(String key) {
        Object value = table.get(key);
        Instant instant = TomlFields.timestamp(table, key);
        if (value != null && instant == null) {
            if (value instanceof String text) {
                warnings.add(where + prefix + key + " \"" + text.strip() + "\" is not a timestamp such as \"2026-01-15T10:30:00\"; ignored");
            } else {
                ignored(key, value, "a timestamp such as \"2026-01-15T10:30:00\"");
            }
        }
        return instant;
    }

    /** Records that a required field is missing. */
    void required(String key, String what) {
        if (table.get(key) == null) {
            warnings.add(where + what + " has no " + prefix + key + ", which formats.md requires");
        }
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The value of {@code key} with every item that is not a scalar dropped (and warned about): a List, a String or null. */
    private Object stringList(String key) {
        Object value = table.get(key);
        if (value == null || value instanceof String) {
            return value;
        }
        if (!(value instanceof List<?> items)) {
            ignored(key, value, "an array of strings");
            return null;
        }
        List<Object> scalars = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (TagLists.scalar(item) != null) {
                scalars.add(item);
            } else {
                warnings.add(where + prefix + key + "[" + i + "] is " + kind(item) + ", not a string; ignored");
            }
        }
        return scalars;
    }

    private void ignored(String key, Object value, String expected) {
        warnings.add(where + prefix + key + " must be " + expected + ", not " + kind(value) + "; ignored");
    }

    /** A TOML value's kind as a person says it. */
    static String kind(Object value) {
        return switch (value) {
            case null -> "missing";
            case String s -> "a string";
            case Long l -> "an integer";
            case Integer i -> "an integer";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            case List<?> l -> "an array";
            case Map<?, ?> m -> "a table";
            case TemporalAccessor t -> "a date-time";
            default -> "a " + value.getClass().getSimpleName();
        };
    }
}
