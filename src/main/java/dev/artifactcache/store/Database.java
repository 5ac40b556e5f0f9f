package dev.artifactcache.store;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens the database: Flyway brings the schema up to date first, then DbClient pools connections.
 * An embedded H2 file that cannot be opened, or fails a quick consistency check, is moved aside
 * and replaced by a fresh one (the files are the truth, the population fills it again); a server
 * database is never "recovered": a failure to reach it is logged and retried.
 */
public final class Database {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    /** The queries every start runs first; over the seq index, which is where issue 12's broken file failed. */
    private static final String[] CHECKS = {
            "SELECT COALESCE(MAX(seq), 0) FROM artifacts",
            "SELECT COUNT(*) FROM artifacts",
            "SELECT COUNT(*) FROM collections",
            "SELECT * FROM artifacts ORDER BY seq DESC LIMIT 1000"};
    private static final Duration SERVER_RETRY_FOR = Duration.ofMinutes(2);
    private static final Duration SERVER_RETRY_MAX_WAIT = Duration.ofSeconds(15);

    /**
     * The open database and, when the embedded file was broken, the recovery that replaced it.
     *
     * @param client   the pooled client
     * @param recovery what was moved aside and why; empty when the database opened as it was
     */
    public record Opened(DbClient client, Optional<Recovery> recovery) {
    }

    private Database() {
    }

    /** Migrates and opens, with no recovery: for tests and tools that want to see a failure as it is. */
    public static DbClient open(String jdbcUrl, String user, String password) {
        migrate(jdbcUrl, user, password);
        return client(jdbcUrl, user, password);
    }

    /**
     * Opens the service's database. An embedded H2 file is first brought to its newest commit
     * ({@link EmbeddedH2#openAtNewestCommit}); one that fails to open or to answer the checks is
     * moved aside (logged on one line, {@code event=database_recovered}) and a fresh one is created;
     * a server database is retried for a while.
     *
     * @throws DataFolderInUseException when another process holds the embedded file open
     */
    public static Opened openOrRecover(String jdbcUrl, String user, String password, Clock clock) {
        Optional<EmbeddedH2> embedded = EmbeddedH2.of(jdbcUrl);
        if (embedded.isEmpty()) {
            migrateRetrying(jdbcUrl, user, password);
            return new Opened(client(jdbcUrl, user, password), Optional.empty());
        }
        Optional<Recovery> recovery = Optional.empty();
        // Held open until the pool has its own connection: H2 closes an embedded database with its
        // last connection, and closing and opening again a file of 100,000 rows costs seconds of a
        // warm start (Flyway's connection, the checks' and the pool's would each do it).
        Connection keepOpen = null;
        try {
            embedded.get().openAtNewestCommit(); // before any connection: it opens the file's store itself
            keepOpen = DriverManager.getConnection(jdbcUrl, user, password);
            migrateAndCheck(jdbcUrl, user, password);
        } catch (RuntimeException | SQLException e) {
            closeQuietly(keepOpen);
            keepOpen = null;
            if (causedBy(e, ErrorCode.DATABASE_ALREADY_OPEN_1)) {
                throw new DataFolderInUseException(embedded.get().folder(), e);
            }
            if (causedBy(e, ErrorCode.WRONG_USER_OR_PASSWORD)) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
            }
            recovery = Optional.of(recover(embedded.get(), e, clock));
            migrate(jdbcUrl, user, password);
        }
        try {
            DbClient client = client(jdbcUrl, user, password);
            client.execute().get("SELECT 1"); // the pool's first connection, while the database is still open
            return new Opened(client, recovery);
        } finally {
            closeQuietly(keepOpen);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing the connection that kept the database open failed", e);
        }
    }

    private static Recovery recover(EmbeddedH2 database, Exception broken, Clock clock) {
        try {
            Recovery recovery = DatabaseRecovery.moveAside(database, oneLine(broken), clock.instant());
            LOG.warning(() -> "event=database_recovered reason=\"" + recovery.reason() + "\" moved_aside="
                    + recovery.movedAside().stream().map(p -> p.getFileName().toString()).toList()
                    + " action=\"started a fresh database; the population rebuilds it and the index from the files\"");
            return recovery;
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("the database " + database.base()
                    + " is broken (" + oneLine(broken) + ") and could not be moved aside", e);
            failure.addSuppressed(broken);
            throw failure;
        }
    }

    private static void migrateAndCheck(String jdbcUrl, String user, String password) throws SQLException {
        migrate(jdbcUrl, user, password);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            for (String check : CHECKS) {
                try (ResultSet rows = statement.executeQuery(check)) {
                    while (rows.next()) {
                        rows.getObject(1);
                    }
                }
            }
        }
    }

    /** A server that is down or restarting at our start is waited for, with a log line each try. */
    private static void migrateRetrying(String jdbcUrl, String user, String password) {
        long deadline = System.nanoTime() + SERVER_RETRY_FOR.toNanos();
        Duration wait = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                migrate(jdbcUrl, user, password);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() + wait.toNanos() > deadline) {
                    throw e;
                }
                int tried = attempt;
                Duration next = wait;
                LOG.warning(() -> "event=database_unreachable attempt=" + tried + " retry_in_s=" + next.toSeconds()
                        + " reason=\"" + oneLine(e) + "\"");
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(SERVER_RETRY_MAX_WAIT) > 0 ? SERVER_RETRY_MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private static void migrate(String jdbcUrl, String user, String password) {
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static DbClient client(String jdbcUrl, String user, String password) {
        Config db = Config.just(ConfigSources.create(Map.of(
                "source", "jdbc",
                "connection.url", jdbcUrl,
                "connection.username", user,
                "connection.password", password,
                "connection.poolName", "artifact-cache")));
        return DbClient.create(db);
    }

    private static boolean causedBy(Throwable failure, int h2ErrorCode) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == h2ErrorCode) {
                return true;
            }
        }
        return false;
    }

    /** The deepest message (the database's own words), on one line. */
    private static String oneLine(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(message)
                .replace('"', '\'');
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
