package dev.artifactcache.store;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The canonical rows. Every write runs in {@link ChangeSequence#inOrder}: it takes the database's
 * change sequence first, then reads, decides and writes, so writes from any number of nodes apply
 * in one order, which is the order the indexes replay.
 */
public final class ArtifactStore {

    /** Large IN lists are slow to plan and PostgreSQL caps parameters at 32767. */
    private static final int IN_LIST_SIZE = 500;
    private static final String SELECT = "SELECT " + RowCodec.COLUMNS + " FROM artifacts ";
    /** New rows per INSERT statement: 2,600 parameters, far below PostgreSQL's 32,767. */
    private static final int ROWS_PER_INSERT = 100;
    private static final String INSERT_FULL = insert(ROWS_PER_INSERT);
    private static final String UPDATE = "UPDATE artifacts SET name = ?, type = ?, title = ?, source = ?, origin = ?, "
            + "origin_source = ?, version_spec = ?, resolved_sha = ?, resolved_version = ?, version = ?, "
            + "description = ?, author = ?, license = ?, tags = ?, tools = ?, content_hash = ?, sync_error = ?, "
            + "failed = ?, added = ?, synced_at = ?, updated_at = ?, seq = ?, deleted = ?, sync_warnings = ? "
            + "WHERE collection = ? AND id = ?";

    private final DbClient db;
    private final ChangeSequence sequence;

    /** A store on H2 (one node). */
    public ArtifactStore(DbClient db) {
        this(db, Backend.H2);
    }

    public ArtifactStore(DbClient db, Backend backend) {
        this.db = db;
        this.sequence = new ChangeSequence(db, backend);
    }

    /** The database's change order, for other tables whose changes replicas must apply in the same order. */
    public ChangeSequence sequence() {
        return sequence;
    }

    /** The last seq committed by any node; 0 for an empty store. */
    public long maxSeq() {
        return sequence.current();
    }

    /** Asks the database a trivial question (for health checks); returns the last seq committed. */
    public long ping() {
        return maxSeq();
    }

    /** The last seq committed and the live rows, from one snapshot: what an index in step must show. */
    public ReplicaState replicaState() {
        return db.execute().get("SELECT (SELECT last_seq FROM change_sequence WHERE name = 'changes'), "
                        + "(SELECT COUNT(*) FROM artifacts WHERE deleted = FALSE)")
                .map(row -> new ReplicaState(row.column(1).get(Long.class), row.column(2).get(Long.class)))
                .orElseThrow();
    }

    /** Ids of the live (not deleted) rows of a collection. */
    public List<String> liveIds(String collection) {
        return liveIds(db.execute(), collection);
    }

    private static List<String> liveIds(DbExecute exec, String collection) {
        try (Stream<DbRow> rows = exec.query(
                "SELECT id FROM artifacts WHERE collection = ? AND deleted = FALSE", collection)) {
            return rows.map(row -> row.column(1).get(String.class)).toList();
        }
    }

    /** Every row of a collection, tombstones included, by id. */
    public Map<String, ArtifactRow> rows(String collection) {
        try (Stream<DbRow> rows = db.execute().query(SELECT + "WHERE collection = ?", collection)) {
            return rows.map(RowCodec::fromRow).collect(Collectors.toMap(ArtifactRow::id, row -> row));
        }
    }

    /**
     * The rows of these ids in a collection (tombstones included), by id.
     *
     * <p>A join with the ids as a VALUES table, not {@code id IN (...)}: H2 looks an IN list up in an
     * index only on the index's first column, so on the key (collection, id) it scanned the whole
     * collection for every chunk, which made a population quadratic (100,000 artifacts: 1.2 s per
     * chunk of 1,000 at 40,000 rows; the join takes 5 ms). PostgreSQL plans both forms well.
     * The same holds for the synced_at update of unchanged rows ({@link #touch}): 3-4 s per 1,000 ids
     * at 100,000 rows as {@code UPDATE ... IN}, 0.1-0.3 s as a MERGE.
     */
    public Map<String, ArtifactRow> rows(String collection, List<String> ids) {
        return rows(db.execute(), collection, ids);
    }

    private static Map<String, ArtifactRow> rows(DbExecute exec, String collection, List<String> ids) {
        Map<String, ArtifactRow> found = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            List<Object> params = new ArrayList<>(chunk.size() + 1);
            params.addAll(chunk);
            params.add(collection);
            try (Stream<DbRow> rows = exec.createQuery("SELECT " + RowCodec.COLUMNS + " FROM (VALUES "
                    + valueRows(chunk.size()) + ") AS wanted (wanted_id) "
                    + "JOIN artifacts ON artifacts.id = wanted.wanted_id AND artifacts.collection = ?").params(params).execute()) {
                rows.map(RowCodec::fromRow).forEach(row -> found.put(row.id(), row));
            }
        }
        return found;
    }

    /** Rows (tombstones included) whose seq is above {@code seq}, in seq order, at most {@code limit}. */
    public List<ArtifactRow> changesAfter(long seq, int limit) {
        try (Stream<DbRow> rows = db.execute().query(SELECT + "WHERE seq > ? ORDER BY seq LIMIT " + limit, seq)) {
            return rows.map(RowCodec::fromRow).toList();
        }
    }

    /** Touches (synced_at moves) whose seq is above {@code seq}, in seq order, at most {@code limit}. */
    public List<Touch> touchesAfter(long seq, int limit) {
        try (Stream<DbRow> rows = db.execute().query("SELECT seq, collection, ids, synced_at FROM touches "
                + "WHERE seq > ? ORDER BY seq LIMIT " + limit, seq)) {
            return rows.map(r -> new Touch(r.column(1).get(Long.class), r.column(2).get(String.class),
                    RowCodec.fromJson(r.column(3).get(String.class)), Instant.ofEpochMilli(r.column(4).get(Long.class))))
                    .toList();
        }
    }

    /**
     * Forgets touches older than {@code before}. A replica that misses one still finds the document
     * stale, as it would with the touch applied (synced_at before {@code before} either way), so
     * pass the staleness cut-off. Returns how many were removed.
     */
    public long pruneTouches(Instant before) {
        return db.execute().dml("DELETE FROM touches WHERE synced_at < ?", before.toEpochMilli());
    }

    /** Every live row, in key order, read a page at a time (for an index rebuild). */
    public Iterator<ArtifactRow> liveRows(int pageSize) {
        return new LiveRowPages(pageSize);
    }

    public long liveCount() {
        return db.execute().get("SELECT COUNT(*) FROM artifacts WHERE deleted = FALSE")
                .map(row -> row.column(1).get(Long.class))
                .orElse(0L);
    }

    public List<CollectionState> collections() {
        try (Stream<DbRow> rows = db.execute().query("SELECT name, error, synced_at FROM collections ORDER BY name")) {
            return rows.map(r -> new CollectionState(r.column(1).get(String.class), r.column(2).get(String.class),
                    Instant.ofEpochMilli(r.column(3).get(Long.class)))).toList();
        }
    }

    /**
     * Writes a change set already decided (its {@link ArtifactChange#rowExists()} must hold when
     * it commits: for one writer, or tests). Returns the last seq committed after it.
     */
    public long write(ChangeSet changeSet) {
        return write(changeSet.collection(), rows -> changeSet);
    }

    /**
     * Decides and writes a change set of one collection in one transaction that holds the change
     * sequence: {@code decide} reads the rows it needs through {@link LockedRows} and no other
     * writer can change them until this commits. Each changed row takes the next seq, the touched
     * ids one seq together. Returns the last seq committed after it (the previous one when nothing
     * changed).
     */
    public long write(String collection, Function<LockedRows, ChangeSet> decide) {
        return writeChanges(collection, decide).last();
    }

    /**
     * {@link #write(String, Function)}, returning what it wrote with the seq each row took, so that
     * the index can take the rows without reading them back.
     */
    public Written writeChanges(String collection, Function<LockedRows, ChangeSet> decide) {
        return sequence.inOrder(sequenced -> {
            DbExecute tx = sequenced.tx();
            long committedBefore = sequenced.last();
            ChangeSet changeSet = decide.apply(new LockedRows() {
                @Override
                public Map<String, ArtifactRow> rows(List<String> ids) {
                    return ArtifactStore.rows(tx, collection, ids);
                }

                @Override
                public List<String> liveIds() {
                    return ArtifactStore.liveIds(tx, collection);
                }

                @Override
                public long lastSeq() {
                    return committedBefore;
                }
            });
            List<ArtifactChange> changes = changeSet.changes();
            List<ArtifactChange> written = new ArrayList<>(changes.size());
            for (int i = 0; i < changes.size(); ) {
                int inserts = insertsFrom(changes, i);
                if (inserts > 0) {
                    written.addAll(insertRows(tx, changes.subList(i, i + inserts), sequenced));
                    i += inserts;
                } else {
                    ArtifactChange change = withSeq(changes.get(i++), sequenced.next());
                    updateRow(tx, change);
                    written.add(change);
                }
            }
            Touch touch = null;
            if (!changeSet.touchedIds().isEmpty()) {
                touch = new Touch(sequenced.next(), collection, changeSet.touchedIds(), changeSet.syncedAt());
                touch(tx, changeSet, touch.seq());
            }
            writeCollection(tx, changeSet);
            return new Written(committedBefore, sequenced.last(), written, touch);
        });
    }

    /** The change as written: its row with the seq it took. */
    private static ArtifactChange withSeq(ArtifactChange change, long seq) {
        return new ArtifactChange(change.row().withSeq(seq), change.rowExists());
    }

    /**
     * Runs a membership change in one transaction in which each live row of {@code members} takes
     * the next seq, so that every index applies the change in seq order (the member's document is
     * rebuilt with its new user collections). The one place membership takes seq numbers.
     *
     * @return the highest seq assigned (or the previous highest when no member row is live)
     */
    public long writeMembership(Consumer<DbExecute> change, Collection<RowKey> members) {
        return sequence.inOrder(sequenced -> {
            DbExecute tx = sequenced.tx();
            change.accept(tx);
            for (RowKey member : members) {
                // A seq is taken only by a row that exists and is live: no gaps for missing members.
                if (tx.dml("UPDATE artifacts SET seq = ? WHERE collection = ? AND id = ? AND deleted = FALSE",
                        sequenced.last() + 1, member.collection(), member.id()) > 0) {
                    sequenced.next();
                }
            }
            return sequenced.last();
        });
    }

    /** How many changes from {@code from} on are new rows, up to one statement's worth. */
    private static int insertsFrom(List<ArtifactChange> changes, int from) {
        int count = 0;
        while (from + count < changes.size() && count < ROWS_PER_INSERT && !changes.get(from + count).rowExists()) {
            count++;
        }
        return count;
    }

    /**
     * New rows in one multi-row INSERT, each taking the next seq: a statement per row cost more in
     * parsing and round trips than H2 spent storing the row. Returns the changes with their seq.
     */
    private static List<ArtifactChange> insertRows(DbExecute tx, List<ArtifactChange> inserts,
                                                   ChangeSequence.Sequenced sequenced) {
        List<Object> params = new ArrayList<>(inserts.size() * RowCodec.COLUMN_COUNT);
        List<ArtifactChange> written = new ArrayList<>(inserts.size());
        for (ArtifactChange change : inserts) {
            ArtifactChange sequencedChange = withSeq(change, sequenced.next());
            params.addAll(RowCodec.values(sequencedChange.row()));
            written.add(sequencedChange);
        }
        tx.createInsert(inserts.size() == ROWS_PER_INSERT ? INSERT_FULL : insert(inserts.size())).params(params).execute();
        return written;
    }

    private static String insert(int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(RowCodec.COLUMN_COUNT, "?")) + ")";
        return "INSERT INTO artifacts (" + RowCodec.COLUMNS + ") VALUES " + String.join(", ", Collections.nCopies(rows, row));
    }

    private static void updateRow(DbExecute tx, ArtifactChange change) {
        ArtifactRow row = change.row();
        List<Object> params = new ArrayList<>(RowCodec.metadataValues(row));
        params.add(row.syncedAt().toEpochMilli());
        params.add(row.updatedAt().toEpochMilli());
        params.add(row.seq());
        params.add(row.deleted());
        params.add(RowCodec.warningsJson(row));
        params.add(row.collection());
        params.add(row.id());
        tx.createUpdate(UPDATE).params(params).execute();
    }

    /**
     * A MERGE with the ids as a VALUES table, for the reason given at {@link #rows(String, List)}
     * (PostgreSQL has MERGE from version 15), and one row in {@code touches} for the replicas.
     */
    private static void touch(DbExecute tx, ChangeSet changeSet, long seq) {
        tx.dml("INSERT INTO touches (seq, collection, ids, synced_at) VALUES (?, ?, ?, ?)", seq,
                changeSet.collection(), RowCodec.toJson(changeSet.touchedIds()), changeSet.syncedAt().toEpochMilli());
        for (List<String> chunk : chunks(changeSet.touchedIds())) {
            List<Object> params = new ArrayList<>(chunk.size() + 2);
            params.addAll(chunk);
            params.add(changeSet.collection());
            params.add(changeSet.syncedAt().toEpochMilli());
            tx.createUpdate("MERGE INTO artifacts USING (VALUES " + valueRows(chunk.size()) + ") AS wanted (wanted_id) "
                    + "ON artifacts.id = wanted.wanted_id AND artifacts.collection = ? "
                    + "WHEN MATCHED THEN UPDATE SET synced_at = ?").params(params).execute();
        }
    }

    private static void writeCollection(DbExecute tx, ChangeSet changeSet) {
        CollectionState state = changeSet.collectionState();
        if (state == null) {
            tx.dml("DELETE FROM collections WHERE name = ?", changeSet.collection());
            return;
        }
        long updated = tx.dml("UPDATE collections SET error = ?, synced_at = ? WHERE name = ?",
                state.error(), state.syncedAt().toEpochMilli(), state.name());
        if (updated == 0) {
            tx.dml("INSERT INTO collections (name, error, synced_at) VALUES (?, ?, ?)",
                    state.name(), state.error(), state.syncedAt().toEpochMilli());
        }
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_LIST_SIZE) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + IN_LIST_SIZE)));
        }
        return chunks;
    }

    /** {@code (?), (?), ...}: the rows of a one-column VALUES table. */
    private static String valueRows(int count) {
        return String.join(", ", Collections.nCopies(count, "(?)"));
    }

    /** Keyset pagination over (collection, id), so a rebuild never holds a cursor open for long. */
    private final class LiveRowPages implements Iterator<ArtifactRow> {
        private final int pageSize;
        private List<ArtifactRow> page;
        private int next;
        private boolean last;

        LiveRowPages(int pageSize) {
            this.pageSize = pageSize;
            this.page = load("", "");
        }

        @Override
        public boolean hasNext() {
            if (next < page.size()) {
                return true;
            }
            if (last || page.isEmpty()) {
                return false;
            }
            ArtifactRow tail = page.getLast();
            page = load(tail.collection(), tail.id());
            next = 0;
            return !page.isEmpty();
        }

        @Override
        public ArtifactRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(next++);
        }

        private List<ArtifactRow> load(String collection, String id) {
            try (Stream<DbRow> rows = db.execute().query(SELECT
                    + "WHERE deleted = FALSE AND (collection > ? OR (collection = ? AND id > ?)) "
                    + "ORDER BY collection, id LIMIT " + pageSize, collection, collection, id)) {
                List<ArtifactRow> loaded = rows.map(RowCodec::fromRow).toList();
                last = loaded.size() < pageSize;
                return loaded;
            }
        }
    }
}
