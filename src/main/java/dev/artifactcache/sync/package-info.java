/**
 * The one write path (files → database → Lucene) and everything that triggers it: startup population,
 * recovery of the index from the database, batches across collections, stale-while-revalidate on
 * reads, the periodic refresher of stale documents, and the file watcher. With several nodes on
 * one PostgreSQL: the tailer that applies every node's changes, the ingester lease and the replica
 * check. Knows nothing of HTTP.
 */
package dev.artifactcache.sync;
