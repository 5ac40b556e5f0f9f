package dev.artifactcache.store;

/**
 * The database engine behind the JDBC URL. H2 is the embedded, single-node default; PostgreSQL is
 * the one database several nodes share (architecture.md, "Beyond one machine").
 */
public enum Backend {
    H2,
    POSTGRESQL;

    public static Backend of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
    }

    /** True when other nodes may write to the same database: changes must be announced and tailed. */
    public boolean shared() {
        return this == POSTGRESQL;
    }
}
