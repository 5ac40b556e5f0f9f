package dev.artifactcache.store;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactMetadata;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps rows to and from the artifacts table; the column order of {@link #COLUMNS} is the contract. */
final class RowCodec {

    static final String COLUMNS = "collection, id, name, type, title, source, origin, origin_source, version_spec, "
            + "resolved_sha, resolved_version, version, description, author, license, tags, tools, content_hash, "
            + "sync_error, failed, added, synced_at, updated_at, seq, deleted, sync_warnings";
    static final int COLUMN_COUNT = 26;

    /** Looked up once: {@code Json.createX} searches for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private RowCodec() {
    }

    /** The values of {@link #COLUMNS} for an insert, in order. */
    static List<Object> values(ArtifactRow row) {
        List<Object> values = new ArrayList<>(COLUMN_COUNT);
        values.add(row.collection());
        values.add(row.id());
        values.addAll(metadataValues(row));
        values.add(row.syncedAt().toEpochMilli());
        values.add(row.updatedAt().toEpochMilli());
        values.add(row.seq());
        values.add(row.deleted());
        values.add(warningsJson(row));
        return values;
    }

    /** Columns {@code name} through {@code added}; a tombstone keeps its name and type only. */
    static List<Object> metadataValues(ArtifactRow row) {
        ArtifactMetadata m = row.metadata();
        String[] key = row.id().split(":", 2);
        if (m == null) {
            return java.util.Arrays.asList(key[1], key[0], null, null, null, null, null, null, null, null, null,
                    null, null, "[]", "[]", null, null, false, null);
        }
        return java.util.Arrays.asList(m.name(), m.type().wire(), m.title(), m.source(), m.origin(), m.originSource(),
                m.versionSpec(), m.resolvedSha(), m.resolvedVersion(), m.version(), m.description(), m.author(),
                m.license(), toJson(m.tags()), toJson(m.tools()), m.contentHash(), m.syncError(), m.failed(),
                m.added() == null ? null : m.added().toString());
    }

    /** The row's {@code sync_warnings} column: a JSON array, empty for a tombstone. */
    static String warningsJson(ArtifactRow row) {
        return row.metadata() == null ? "[]" : toJson(row.metadata().syncWarnings());
    }

    static ArtifactRow fromRow(DbRow r) {
        String collection = text(r, 1);
        String id = text(r, 2);
        boolean deleted = r.column(25).get(Boolean.class);
        ArtifactMetadata metadata = deleted ? null : new ArtifactMetadata(
                collection, ArtifactId.parse(id), text(r, 5), text(r, 6), text(r, 7), text(r, 8), text(r, 9),
                text(r, 10), text(r, 11), text(r, 12), text(r, 13), text(r, 14), text(r, 15),
                fromJson(text(r, 16)), fromJson(text(r, 17)), text(r, 18), text(r, 19),
                r.column(20).get(Boolean.class), instant(text(r, 21)), fromJson(text(r, 26)));
        return new ArtifactRow(collection, id, metadata, millis(r, 22), millis(r, 23),
                r.column(24).get(Long.class), deleted);
    }

    private static String text(DbRow r, int column) {
        return r.column(column).get(String.class);
    }

    private static Instant millis(DbRow r, int column) {
        return Instant.ofEpochMilli(r.column(column).get(Long.class));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    static String toJson(List<String> values) {
        return JSON.createArrayBuilder(values).build().toString();
    }

    static List<String> fromJson(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            JsonArray array = reader.readArray();
            List<String> values = new ArrayList<>(array.size());
            for (JsonString value : array.getValuesAs(JsonString.class)) {
                values.add(value.getString());
            }
            return values;
        }
    }
}
