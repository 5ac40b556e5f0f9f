package dev.artifactcache.http;

import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.collection.CollectionHeader;
import dev.artifactcache.index.CollectionCount;
import dev.artifactcache.store.ArtifactRow;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The fields SkillMeat's item schemas require beyond this service's item (api.md): where the
 * artifact is ({@code collections}), its groups, and on {@code /artifacts} SkillMeat's
 * {@code ArtifactResponse} ({@code uuid}, {@code updated}, {@code version} as the version spec,
 * {@code metadata}). This service's own fields stay.
 */
final class SkillmeatItems {

    private SkillmeatItems() {
    }

    /** What adds SkillMeat's fields to an item, given its row: a local artifact's {@code source}, then {@code extra}'s. */
    static BiConsumer<ArtifactRow, JsonObjectBuilder> withExtras(BiConsumer<ArtifactRow, JsonObjectBuilder> extra) {
        return (row, item) -> {
            if (row.metadata().source() == null) {
                item.add("source", row.id()); // SkillMeat's fallback: a local artifact's source is its id
            }
            extra.accept(row, item);
        };
    }

    /** SkillMeat's {@code collections}: {@code [{id, name, artifact_count}]}. */
    static JsonArrayBuilder collections(List<String> holding, Map<String, CollectionCount> counts) {
        JsonArrayBuilder list = Json.array();
        for (String collection : holding) {
            CollectionCount count = counts.get(collection);
            list.add(Json.object().add("id", collection).add("name", collection)
                    .add("artifact_count", count == null ? 0 : count.count()));
        }
        return list;
    }

    /** SkillMeat's {@code groups} of one item: the collection's groups listing the artifact. */
    static JsonArrayBuilder groups(String collection, List<CollectionHeader.Group> groups, String artifactId) {
        JsonArrayBuilder list = Json.array();
        for (CollectionHeader.Group group : groups) {
            if (group.members().contains(artifactId)) {
                list.add(Json.object().add("id", SkillmeatIds.groupId(collection, group.name()))
                        .add("name", group.name()).add("position", group.position()));
            }
        }
        return list;
    }

    /** SkillMeat's {@code ArtifactResponse} fields over this service's item. */
    static void artifactResponse(ArtifactRow row, JsonObjectBuilder item) {
        ArtifactMetadata m = row.metadata();
        item.add("uuid", SkillmeatIds.artifactUuid(row.id()))
                .add("version", m.versionSpec() == null ? "unknown" : m.versionSpec())
                .add("updated", (row.updatedAt() == null ? row.syncedAt() : row.updatedAt()).toString());
        if (m.added() == null) {
            item.add("added", row.syncedAt().toString());
        }
        JsonObjectBuilder metadata = Json.object();
        Json.text(metadata, "title", m.title());
        Json.text(metadata, "description", m.description());
        Json.text(metadata, "author", m.author());
        Json.text(metadata, "license", m.license());
        Json.text(metadata, "version", m.version());
        item.add("metadata", metadata.add("tools", Json.array(m.tools())).add("dependencies", Json.array()));
    }
}
