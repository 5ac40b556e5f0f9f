/**
 * Editing an artifact's metadata through its files (api.md, "Editing"): the request's values,
 * checked; a surgical rewrite of the YAML frontmatter or of the manifest entry that keeps every
 * other byte; an atomic write; then a sync through the one write path. The files stay the truth:
 * nothing is ever written to the database alone.
 */
package dev.artifactcache.edit;
