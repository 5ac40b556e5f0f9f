package dev.artifactcache.membership;

import dev.artifactcache.store.RowKey;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The user collections' two tables (migration V3): reads them whole, and writes changes inside a caller's transaction. */
final class MembershipStore {

    private static final String REVISION = "user_collections";

    private final DbClient db;

    MembershipStore(DbClient db) {
        this.db = db;
    }

    /** Every user collection with its members, by name. */
    List<UserCollection> loadAll() {
        Map<String, List<Member>> members = new LinkedHashMap<>();
        try (Stream<DbRow> rows = db.execute().query("SELECT user_collection_id, collection, artifact_id, added_at "
                + "FROM user_collection_members ORDER BY added_at, collection, artifact_id")) {
            rows.forEach(row -> members.computeIfAbsent(row.column(1).get(String.class), id -> new ArrayList<>())
                    .add(new Member(new RowKey(row.column(2).get(String.class), row.column(3).get(String.class)),
                            Instant.ofEpochMilli(row.column(4).get(Long.class)))));
        }
        try (Stream<DbRow> rows = db.execute().query(
                "SELECT id, name, description, created_at, updated_at FROM user_collections ORDER BY name")) {
            return rows.map(row -> new UserCollection(row.column(1).get(String.class), row.column(2).get(String.class),
                    row.column(3).get(String.class), Instant.ofEpochMilli(row.column(4).get(Long.class)),
                    Instant.ofEpochMilli(row.column(5).get(Long.class)),
                    members.getOrDefault(row.column(1).get(String.class), List.of()))).toList();
        }
    }

    /**
     * How many membership changes were committed: a second counter row of {@code change_sequence}
     * (migration V2), made by the first change. The durable copy records it too, so that a start can
     * tell which of the two is newer.
     */
    long revision() {
        return revision(db.execute());
    }

    private static long revision(DbExecute tx) {
        return tx.get("SELECT last_seq FROM change_sequence WHERE name = ?", REVISION)
                .map(row -> row.column(1).get(Long.class)).orElse(0L);
    }

    /** Counts one more change; runs in the change's transaction, which holds the change order's lock. */
    static long nextRevision(DbExecute tx) {
        long next = revision(tx) + 1;
        storeRevision(tx, next);
        return next;
    }

    /** Replaces every user collection by {@code collections} and sets the revision to theirs. */
    static void replaceAll(DbExecute tx, List<UserCollection> collections, long revision) {
        tx.dml("DELETE FROM user_collection_members");
        tx.dml("DELETE FROM user_collections");
        collections.forEach(c -> insert(tx, c));
        storeRevision(tx, revision);
    }

    /** The revision's counter row is made by the first change that stores one. */
    private static void storeRevision(DbExecute tx, long revision) {
        if (tx.dml("UPDATE change_sequence SET last_seq = ? WHERE name = ?", revision, REVISION) == 0) {
            tx.dml("INSERT INTO change_sequence (name, last_seq) VALUES (?, ?)", REVISION, revision);
        }
    }

    static void insert(DbExecute tx, UserCollection collection) {
        tx.dml("INSERT INTO user_collections (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                collection.id(), collection.name(), collection.description(), collection.createdAt().toEpochMilli(),
                collection.updatedAt().toEpochMilli());
        collection.members().forEach(member -> insertMember(tx, collection.id(), member));
    }

    static void update(DbExecute tx, UserCollection collection) {
        tx.dml("UPDATE user_collections SET name = ?, description = ?, updated_at = ? WHERE id = ?",
                collection.name(), collection.description(), collection.updatedAt().toEpochMilli(), collection.id());
    }

    static void delete(DbExecute tx, String id) {
        tx.dml("DELETE FROM user_collection_members WHERE user_collection_id = ?", id);
        tx.dml("DELETE FROM user_collections WHERE id = ?", id);
    }

    static void insertMember(DbExecute tx, String id, Member member) {
        tx.dml("INSERT INTO user_collection_members (user_collection_id, collection, artifact_id, added_at) VALUES (?, ?, ?, ?)",
                id, member.artifact().collection(), member.artifact().id(), member.addedAt().toEpochMilli());
    }

    static void deleteMember(DbExecute tx, String id, RowKey artifact) {
        tx.dml("DELETE FROM user_collection_members WHERE user_collection_id = ? AND collection = ? AND artifact_id = ?",
                id, artifact.collection(), artifact.id());
    }
}
