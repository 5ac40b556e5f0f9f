package dev.artifactcache.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The identifiers SkillMeat's clients expect where the files hold none: stable 32-hex ids derived
 * from what does identify the thing (the same input always gives the same id, on every start), and
 * SkillMeat's cursors (the base64 of the last item's id).
 */
final class SkillmeatIds {

    private SkillmeatIds() {
    }

    /** An artifact's uuid: the same for one artifact id in every collection, as SkillMeat's is. */
    static String artifactUuid(String artifactId) {
        return hex("artifact\u0000" + artifactId);
    }

    /** A {@code [[groups]]} table has a name but no id. */
    static String groupId(String collection, String groupName) {
        return hex("group\u0000" + collection + "\u0000" + groupName);
    }

    static String tagId(String slug) {
        return hex("tag\u0000" + slug);
    }

    static String cursor(String id) {
        return Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    /** The id a cursor names, or empty when it is not a cursor this service made (base64 of UTF-8 text). */
    static Optional<String> cursorId(String cursor) {
        try {
            String id = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            return cursor(id).equals(cursor) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String hex(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
