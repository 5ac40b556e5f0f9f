/**
 * The one write path (files → H2 → Lucene) and everything that triggers it: startup population,
 * recovery of the index from H2, batches across collections, stale-while-revalidate on reads,
 * the periodic refresher of stale documents, and the file watcher. Knows nothing of HTTP.
 */
package dev.artifactcache.sync;
