/**
 * The canonical rows: H2 (or PostgreSQL) through Helidon DbClient, schema by Flyway. Every
 * change takes the next value of one global sequence kept in the database
 * ({@link dev.artifactcache.store.ChangeSequence}), which is what every index replays by.
 */
package dev.artifactcache.store;
