package dev.artifactcache.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The two backends the store and concurrency tests run on. PostgreSQL is the throw-away cluster
 * that {@code .ci/test} starts and names in {@value #URL_VARIABLE}; each test gets a fresh database
 * in it. Without that variable the PostgreSQL cases fail (never skip) with how to run them, and the
 * H2 cases still run, so {@code mvn -Dtest=...} works while developing.
 */
public enum TestDatabase {
    H2,
    POSTGRESQL;

    public static final String URL_VARIABLE = "ARTIFACT_CACHE_TEST_PG_URL";
    public static final String PG_USER = "postgres";

    /** A fresh, empty database's JDBC URL; an H2 file in {@code folder}, or a new PostgreSQL database. */
    public String freshUrl(Path folder) {
        if (this == H2) {
            return "jdbc:h2:file:" + folder.resolve("db");
        }
        String cluster = clusterUrl();
        String name = "test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(cluster, PG_USER, "");
             Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + cluster + ": " + e.getMessage(), e);
        }
        return cluster.substring(0, cluster.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return this == H2 ? "sa" : PG_USER;
    }

    /** The cluster's URL (its {@code postgres} database), or a failed test saying how to get one. */
    public static String clusterUrl() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            fail("run the tests through .ci/test, which starts PostgreSQL (" + URL_VARIABLE + " is not set)");
        }
        return url;
    }
}
