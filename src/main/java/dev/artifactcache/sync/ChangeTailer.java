package dev.artifactcache.sync;

import dev.artifactcache.store.ArtifactStore;
import dev.artifactcache.store.ChangeSequence;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

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
 * collection list and applies the rows above its index's applied seq. Nothing on that path waits:
 * the notification ends the blocking read at once, and a notification whose seq this index has
 * already applied (this node's own write, applied before it answered) costs one query, for the
 * collection list. It also
 * catches up every {@code poll} without a notification, because notifications sent while the
 * connection was down are lost; after a lost connection it polls until it can listen again.
 */
public final class ChangeTailer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChangeTailer.class.getName());

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final ArtifactStore store;
    private final CollectionCatalog catalog;
    private final IndexMirror mirror;
    private final Runnable reloadMemberships;
    private final Duration poll;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param reloadMemberships reads the user collections again, so that the member documents this
     *                          tailer re-indexes carry the memberships another node committed
     * @param poll              how long to wait for a notification before catching up anyway
     */
    public ChangeTailer(String jdbcUrl, String user, String password, ArtifactStore store, CollectionCatalog catalog,
                        IndexMirror mirror, Runnable reloadMemberships, Duration poll) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.store = store;
        this.catalog = catalog;
        this.mirror = mirror;
        this.reloadMemberships = reloadMemberships;
        this.poll = poll;
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
                catchUpLogged(Step.UNKNOWN); // what was committed before LISTEN took effect
                while (running) {
                    // Blocks in the socket read until a notification arrives (it returns at once
                    // then) or the poll time is up.
                    PGNotification[] received = notifications.getNotifications(Math.toIntExact(poll.toMillis()));
                    if (received == null || received.length == 0) {
                        catchUpLogged(Step.UNKNOWN);
                    } else {
                        catchUpLogged(announced(received) > mirror.appliedSeq() ? Step.BEHIND : Step.APPLIED);
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.log(Level.WARNING, "event=tailer_disconnected reason=\"" + e.getMessage()
                            + "\" retry_ms=" + poll.toMillis());
                    sleep(poll);
                    catchUpLogged(Step.UNKNOWN);
                }
            }
        }
    }

    /** The highest seq the notifications announce ({@link ChangeSequence} sends its last seq); max when one carries none. */
    static long announced(PGNotification[] received) {
        long highest = 0;
        for (PGNotification notification : received) {
            try {
                highest = Math.max(highest, Long.parseLong(notification.getParameter()));
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
        return highest;
    }

    /** What a wake-up tells of this index. */
    private enum Step {
        /** A poll, or a notification without seq: ask the database. */
        UNKNOWN,
        /** A notification of a seq above the applied one. */
        BEHIND,
        /**
         * Notifications of seqs the index holds (this node's own writes, or rows an earlier catch-up
         * read): only the collection list may be older than those commits.
         */
        APPLIED
    }

    /**
     * Applies what other nodes committed: the collection list first, so no read finds documents of
     * an unknown one.
     */
    private void catchUp(Step step) {
        catalog.replaceAll(store.collections());
        if (step == Step.APPLIED) {
            return;
        }
        if (step == Step.BEHIND || mirror.lag() > 0) {
            reloadMemberships.run();
        }
        mirror.catchUp();
    }

    private void catchUpLogged(Step step) {
        try {
            catchUp(step);
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
