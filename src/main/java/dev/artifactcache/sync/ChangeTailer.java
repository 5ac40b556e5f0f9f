package dev.artifactcache.sync;

import dev.artifactcache.store.ArtifactStore;
import dev.artifactcache.store.ChangeSequence;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every node's tail of every change (architecture.md, "Beyond one machine"): listens on its own
 * PostgreSQL connection for the {@code NOTIFY} each write sends at commit, then refreshes the
 * collection list and applies the rows above its index's applied seq. It also catches up every
 * {@link #POLL} without a notification, because notifications sent while the connection was down
 * are lost; after a lost connection it polls until it can listen again.
 */
public final class ChangeTailer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChangeTailer.class.getName());
    static final Duration POLL = Duration.ofSeconds(1);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final ArtifactStore store;
    private final CollectionCatalog catalog;
    private final IndexMirror mirror;
    private final Runnable reloadMemberships;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param reloadMemberships reads the user collections again, so that the member documents this
     *                          tailer re-indexes carry the memberships another node committed
     */
    public ChangeTailer(String jdbcUrl, String user, String password, ArtifactStore store, CollectionCatalog catalog,
                        IndexMirror mirror, Runnable reloadMemberships) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.store = store;
        this.catalog = catalog;
        this.mirror = mirror;
        this.reloadMemberships = reloadMemberships;
    }

    public synchronized void start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().daemon().name("change-tailer").start(this::tail);
        }
    }

    private void tail() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + ChangeSequence.CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                LOG.info("event=tailer_listening");
                while (running) {
                    catchUpLogged(); // also covers what was committed before LISTEN took effect
                    notifications.getNotifications((int) POLL.toMillis());
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.log(Level.WARNING, "event=tailer_disconnected reason=\"" + e.getMessage()
                            + "\" retry_ms=" + POLL.toMillis());
                    sleep(POLL);
                    catchUpLogged();
                }
            }
        }
    }

    /** Applies what other nodes committed: the collection list first, so no read finds documents of an unknown one. */
    public void catchUp() {
        catalog.replaceAll(store.collections());
        if (mirror.lag() > 0) {
            reloadMemberships.run();
        }
        mirror.catchUp();
    }

    private void catchUpLogged() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=tailer_catch_up_failed reason=\"" + e.getMessage() + "\"");
        }
    }

    private void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
