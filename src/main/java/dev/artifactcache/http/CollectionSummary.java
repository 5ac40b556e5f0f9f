package dev.artifactcache.http;

import dev.artifactcache.collection.CollectionHeader;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.List;

/**
 * One collection as {@code GET /user-collections} lists it: SkillMeat's {@code UserCollectionResponse}
 * plus this service's {@code stale_count} and {@code sync_error}. Another kind of collection lists
 * the same way with its own {@code collectionType}.
 *
 * @param collectionType SkillMeat's field saying what kind of collection it is: {@code file} for a
 *                       collection folder, {@code user} for a database-only user collection
 * @param createdAt      {@code [collection] created} of the manifest (else its file's time)
 * @param updatedAt      {@code [collection] updated} of the manifest (else its file's time)
 * @param description    a user collection's description (a folder has none)
 * @param missingCount   a user collection's members whose artifact is gone from the files (a folder's: 0)
 * @param groups         the manifest's {@code [[groups]]}
 * @param syncError      why the manifest could not be read last time, or null
 */
record CollectionSummary(String id, String name, String collectionType, Instant createdAt, Instant updatedAt,
                         String description, long artifactCount, long staleCount, long missingCount,
                         List<CollectionHeader.Group> groups, String syncError) {

    static final String FILE = "file";
    static final String USER = "user";

    JsonObjectBuilder json() {
        JsonObjectBuilder item = Json.text(Json.object().add("id", id).add("name", name), "description", description);
        Json.text(item, "collection_type", collectionType);
        Json.time(item, "created_at", createdAt);
        Json.time(item, "updated_at", updatedAt);
        item.add("group_count", groups.size())
                .add("artifact_count", artifactCount)
                .add("stale_count", staleCount)
                .add("missing_count", missingCount);
        return Json.text(item, "sync_error", syncError);
    }

    /** SkillMeat's {@code UserCollectionWithGroupsResponse}: the summary with its groups. */
    JsonObjectBuilder jsonWithGroups() {
        JsonArrayBuilder list = Json.array();
        for (CollectionHeader.Group group : groups) {
            JsonObjectBuilder summary = Json.object().add("id", SkillmeatIds.groupId(id, group.name())).add("name", group.name());
            Json.text(summary, "description", group.description());
            list.add(summary.add("position", group.position()).add("artifact_count", group.members().size()));
        }
        return json().add("groups", list);
    }
}
