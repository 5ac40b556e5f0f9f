/**
 * The canonical rows: H2 (or PostgreSQL) through Helidon DbClient, schema by Flyway. Every
 * change takes the next value of one global sequence, which is what the index replays by.
 */
package dev.artifactcache.store;
