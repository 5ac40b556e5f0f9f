package dev.artifactcache.membership;

import dev.artifactcache.edit.AtomicFile;
import dev.artifactcache.store.RowKey;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The durable copy of the user collections, {@code user-collections.json} in the data folder:
 * rewritten atomically after each committed change, before the change is answered, with the
 * database's membership revision. A start restores it when it is newer than the database: a
 * database moved aside and started afresh, or one that lost its last commits.
 * Membership is the one thing the files cannot give back.
 */
final class DurableCopy {

    static final String FILE = "user-collections.json";
    private static final int FORMAT = 1;
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Path file;

    DurableCopy(Path dataFolder) {
        this.file = dataFolder.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /**
     * What the copy holds.
     *
     * @param revision    the database's membership revision it was written at (0 in a copy from before revisions)
     * @param collections the user collections
     */
    record Saved(long revision, List<UserCollection> collections) {
    }

    void write(long revision, List<UserCollection> collections) throws IOException {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (UserCollection c : collections) {
            JsonArrayBuilder members = JSON.createArrayBuilder();
            c.members().forEach(m -> members.add(JSON.createObjectBuilder().add("collection", m.artifact().collection())
                    .add("artifact_id", m.artifact().id()).add("added_at", m.addedAt().toString())));
            var item = JSON.createObjectBuilder().add("id", c.id()).add("name", c.name());
            if (c.description() == null) {
                item.addNull("description");
            } else {
                item.add("description", c.description());
            }
            items.add(item.add("created_at", c.createdAt().toString()).add("updated_at", c.updatedAt().toString())
                    .add("members", members));
        }
        StringWriter text = new StringWriter();
        JSON.createWriter(text).writeObject(JSON.createObjectBuilder().add("format", FORMAT).add("revision", revision)
                .add("user_collections", items).build());
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The collections in the copy; none, at revision 0, when there is no copy.
     *
     * @throws IOException when the copy exists but cannot be read or is not this format (never
     *                     silently taken as "no user collections")
     */
    Saved read() throws IOException {
        if (!Files.exists(file)) {
            return new Saved(0, List.of());
        }
        try (JsonReader reader = JSON.createReader(new StringReader(Files.readString(file)))) {
            JsonObject root = reader.readObject();
            if (root.getInt("format", 0) != FORMAT) {
                throw new IOException(file + ": unknown format " + root.get("format") + "; expected " + FORMAT);
            }
            return new Saved(root.getJsonNumber("revision") == null ? 0 : root.getJsonNumber("revision").longValueExact(),
                    root.getJsonArray("user_collections").getValuesAs(JsonObject.class).stream().map(DurableCopy::collection).toList());
        } catch (RuntimeException e) {
            throw new IOException(file + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static UserCollection collection(JsonObject c) {
        List<Member> members = c.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .map(m -> new Member(new RowKey(m.getString("collection"), m.getString("artifact_id")),
                        Instant.parse(m.getString("added_at")))).toList();
        JsonValue description = c.get("description");
        return new UserCollection(c.getString("id"), c.getString("name"),
                description instanceof JsonString s ? s.getString() : null,
                Instant.parse(c.getString("created_at")), Instant.parse(c.getString("updated_at")), members);
    }
}
