package dev.artifactcache.store;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

import java.util.function.Function;

/**
 * The global change sequence, kept in the database: every write that other nodes must see takes
 * its {@code seq} values here, inside its own transaction. The counter row is locked
 * {@code FOR UPDATE} first, so writers queue on it and hand out seq in commit order: a replica that
 * has applied every change up to some seq never later finds a smaller one. Anything a write reads
 * after taking the lock (and decides on) cannot change under it.
 */
public final class ChangeSequence {

    /** The channel a commit announces its last seq on (PostgreSQL); every node's tailer listens to it. */
    public static final String CHANNEL = "artifact_changes";

    private final DbClient db;
    private final Backend backend;

    public ChangeSequence(DbClient db, Backend backend) {
        this.db = db;
        this.backend = backend;
    }

    /** The last seq handed out and committed; 0 for an empty store. */
    public long current() {
        return db.execute().get("SELECT last_seq FROM change_sequence WHERE name = 'changes'")
                .map(row -> row.column(1).get(Long.class))
                .orElseThrow(() -> new IllegalStateException("the change_sequence row is missing (migration V2)"));
    }

    /**
     * Runs {@code work} in one transaction that holds the sequence: {@code work} reads, decides and
     * writes through {@link Sequenced#tx()} and takes a seq per change with {@link Sequenced#next()}.
     * Commits (announcing the new changes when the database is shared) when {@code work} returns,
     * rolls back when it throws.
     */
    public <T> T inOrder(Function<Sequenced, T> work) {
        DbTransaction tx = db.transaction();
        try {
            long last = tx.get("SELECT last_seq FROM change_sequence WHERE name = 'changes' FOR UPDATE")
                    .map(row -> row.column(1).get(Long.class))
                    .orElseThrow(() -> new IllegalStateException("the change_sequence row is missing (migration V2)"));
            Sequenced sequenced = new Sequenced(tx, last);
            T result = work.apply(sequenced);
            if (sequenced.last > last) {
                tx.dml("UPDATE change_sequence SET last_seq = ? WHERE name = 'changes'", sequenced.last);
                if (backend.shared()) {
                    // Delivered at commit, to every listening session; the payload (a number, never
                    // user text) lets a tailer that has applied it already skip it.
                    tx.dml("NOTIFY " + CHANNEL + ", '" + sequenced.last + "'");
                }
            }
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            tx.rollback();
            throw e;
        }
    }

    /** A transaction holding the sequence. */
    public static final class Sequenced {
        private final DbTransaction tx;
        private long last;

        private Sequenced(DbTransaction tx, long last) {
            this.tx = tx;
            this.last = last;
        }

        public DbExecute tx() {
            return tx;
        }

        /** The next seq: above every seq committed before, below every seq committed after. */
        public long next() {
            return ++last;
        }

        /** The highest seq taken so far (the one committed before this transaction when none was taken). */
        public long last() {
            return last;
        }
    }
}
