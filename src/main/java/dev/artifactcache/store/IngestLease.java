package dev.artifactcache.store;

import io.helidon.dbclient.DbClient;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The lease on the ingester role, a pulse row in the database: its holder renews it often, each
 * time for {@code length} ahead; when the holder stops renewing (it died, or lost the database),
 * any node may take it once it has expired. Times are the database's own clock, so the nodes'
 * clocks need not agree.
 */
public final class IngestLease {

    private final DbClient db;
    private final String holder;
    /** The lease's length as an SQL interval literal's seconds, e.g. {@code 5.000}: a number, never user text. */
    private final String seconds;

    /**
     * @param holder this node's id: unique per process
     * @param length how long a renewal holds: long enough to ride out a slow renewal, short enough
     *               for a takeover within seconds
     */
    public IngestLease(DbClient db, String holder, Duration length) {
        this.db = db;
        this.holder = holder;
        this.seconds = BigDecimal.valueOf(length.toMillis(), 3).toPlainString();
    }

    public String holder() {
        return holder;
    }

    /** Takes or extends the lease; true when this node holds it now. */
    public boolean renew() {
        return db.execute().dml("UPDATE ingest_lease SET holder = ?, expires_at = CURRENT_TIMESTAMP + INTERVAL '"
                + seconds + "' SECOND WHERE name = 'ingester' AND (holder = ? OR holder IS NULL "
                + "OR expires_at < CURRENT_TIMESTAMP)", holder, holder) == 1;
    }

    /** Gives the lease up at once, so that another node need not wait for it to expire. */
    public void release() {
        db.execute().dml("UPDATE ingest_lease SET holder = NULL WHERE name = 'ingester' AND holder = ?", holder);
    }

    /** The current holder's id, whether or not its lease has expired; null when released. */
    public String currentHolder() {
        return db.execute().get("SELECT holder FROM ingest_lease WHERE name = 'ingester'")
                .map(row -> row.column(1).get(String.class))
                .orElse(null);
    }
}
