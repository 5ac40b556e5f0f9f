package dev.artifactcache.edit;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads SkillMeat's {@code ArtifactUpdateRequest} ({@code {"tags":[...], "metadata":{"title",
 * "description","author","license","tags"}}}) into a {@link MetadataEdit}, refusing with the field
 * at fault anything the files cannot take. Every key is optional; a key that is present replaces
 * that value.
 */
public final class EditRequest {

    static final int MAX_TEXT = 200;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_TAG = 64;
    static final int MAX_TAGS = 50;

    /** SkillMeat's keys that this cache has no file to keep in: accepted only as null. */
    private static final Set<String> UNSUPPORTED = Set.of("aliases", "owner_type", "visibility");
    private static final Set<String> TOP = Set.of("tags", "metadata");
    private static final Set<String> METADATA = Set.of("title", "description", "author", "license", "tags");

    private EditRequest() {
    }

    public static MetadataEdit parse(JsonObject body) throws RefusedException {
        for (Map.Entry<String, JsonValue> entry : body.entrySet()) {
            String key = entry.getKey();
            if (UNSUPPORTED.contains(key) && entry.getValue().getValueType() != JsonValue.ValueType.NULL) {
                throw EditRefusals.invalid(key, key + " is not kept in SkillMeat's files, so the cache cannot change it; leave it out");
            }
            if (!TOP.contains(key) && !UNSUPPORTED.contains(key)) {
                throw EditRefusals.invalid(key, "unknown key \"" + key + "\"; an edit takes tags and metadata "
                        + "(title, description, author, license, tags)");
            }
        }
        List<String> tags = tags(body, "tags", "tags");
        JsonObject metadata = object(body, "metadata");
        if (metadata == null) {
            return new MetadataEdit(null, null, null, null, tags);
        }
        for (String key : metadata.keySet()) {
            if (!METADATA.contains(key)) {
                throw EditRefusals.invalid("metadata." + key, "unknown key \"metadata." + key
                        + "\"; metadata takes title, description, author, license and tags");
            }
        }
        List<String> metadataTags = tags(metadata, "tags", "metadata.tags");
        if (tags != null && metadataTags != null && !tags.equals(metadataTags)) {
            throw EditRefusals.invalid("metadata.tags", "tags and metadata.tags differ; send the new tag list once");
        }
        return new MetadataEdit(
                text(metadata, "title", MAX_TEXT, false),
                text(metadata, "description", MAX_DESCRIPTION, true),
                text(metadata, "author", MAX_TEXT, false),
                text(metadata, "license", MAX_TEXT, false),
                tags != null ? tags : metadataTags);
    }

    private static JsonObject object(JsonObject body, String key) throws RefusedException {
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            throw EditRefusals.invalid(key, key + " must be an object");
        }
        return object;
    }

    /** A trimmed value, or null when absent or null; blank, too long, or a control character is refused. */
    private static String text(JsonObject object, String key, int max, boolean multiline) throws RefusedException {
        String field = "metadata." + key;
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw EditRefusals.invalid(field, field + " must be a string");
        }
        String text = string.getString().replace("\r\n", "\n").strip();
        if (text.isEmpty()) {
            throw EditRefusals.invalid(field, field + " is blank; give a value or leave the key out");
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw EditRefusals.invalid(field, field + " is " + text.codePointCount(0, text.length()) + " characters; at most " + max);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t'))) {
                throw EditRefusals.invalid(field, field + " has a control character (U+" + String.format("%04X", (int) c)
                        + ") at position " + (i + 1));
            }
        }
        return text;
    }

    private static List<String> tags(JsonObject object, String key, String field) throws RefusedException {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw EditRefusals.invalid(field, field + " must be an array of strings");
        }
        if (array.size() > MAX_TAGS) {
            throw EditRefusals.invalid(field, field + " has " + array.size() + " tags; at most " + MAX_TAGS);
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            tags.add(tag(array.get(i), field + "[" + i + "]"));
        }
        return new ArrayList<>(tags);
    }

    private static String tag(JsonValue value, String field) throws RefusedException {
        if (!(value instanceof JsonString string)) {
            throw EditRefusals.invalid(field, field + " must be a string");
        }
        String tag = string.getString().strip();
        if (tag.isEmpty()) {
            throw EditRefusals.invalid(field, field + " is blank");
        }
        if (tag.length() > MAX_TAG) {
            throw EditRefusals.invalid(field, field + " is " + tag.length() + " characters; at most " + MAX_TAG);
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c == ',') {
                throw EditRefusals.invalid(field, field + " \"" + tag + "\" has a comma; SkillMeat splits tags at commas, send them as separate items");
            }
            if (Character.isISOControl(c)) {
                throw EditRefusals.invalid(field, field + " has a control character (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        return tag;
    }
}
