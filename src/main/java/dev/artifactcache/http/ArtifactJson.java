package dev.artifactcache.http;

import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.store.ArtifactRow;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;

/** One artifact in the item shape of api.md. */
final class ArtifactJson {

    private ArtifactJson() {
    }

    /**
     * @param staleBefore documents checked before this instant are stale
     */
    static JsonObject item(ArtifactRow row, Instant staleBefore) {
        return itemBuilder(row, staleBefore).build();
    }

    /** {@link #item}, still open for more fields. */
    static JsonObjectBuilder itemBuilder(ArtifactRow row, Instant staleBefore) {
        ArtifactMetadata m = row.metadata();
        JsonObjectBuilder item = Json.object()
                .add("id", row.id())
                .add("collection", row.collection())
                .add("name", m.name());
        Json.text(item, "title", m.title());
        item.add("type", m.type().wire());
        Json.text(item, "description", m.description());
        Json.text(item, "author", m.author());
        Json.text(item, "license", m.license());
        Json.text(item, "version", m.version());
        item.add("tags", Json.array(m.tags()));
        item.add("tools", Json.array(m.tools()));
        Json.text(item, "origin", m.origin());
        Json.text(item, "origin_source", m.originSource());
        Json.text(item, "source", m.source());
        Json.text(item, "version_spec", m.versionSpec());
        Json.text(item, "resolved_sha", m.resolvedSha());
        Json.text(item, "resolved_version", m.resolvedVersion());
        Json.time(item, "added", m.added());
        Json.time(item, "synced_at", row.syncedAt());
        Json.time(item, "updated_at", row.updatedAt());
        item.add("stale", row.syncedAt().isBefore(staleBefore));
        Json.text(item, "sync_error", m.syncError());
        item.add("sync_warnings", Json.array(m.syncWarnings()));
        return item;
    }
}
