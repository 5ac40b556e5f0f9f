/**
 * The Lucene read model: one document per artifact, kept in step with the canonical rows by
 * change sequence, and the search engine that serves every read (listing, full text, filters,
 * disjunctive facets, cursors, highlights).
 *
 * <p>{@link dev.artifactcache.index.ArtifactIndex} is the only entry point: the sync package writes
 * through {@code apply/touch/commit/rebuild}, the http package reads through {@code search/get/
 * collections/freshness}. Searches are pure functions of a {@link dev.artifactcache.index.SearchRequest}
 * and the current searcher; nothing here knows about HTTP or H2.
 */
package dev.artifactcache.index;
