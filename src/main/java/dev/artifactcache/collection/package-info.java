/**
 * Reading a SkillMeat home from disk: the collections, each collection's manifest
 * ({@code collection.toml}) merged with its lock file, and each artifact's metadata file
 * (frontmatter of {@code SKILL.md}, command and agent files), following
 * {@code /work/shared/design/formats.md}.
 *
 * <p>Entry points: {@link dev.artifactcache.collection.SkillmeatHome},
 * {@link dev.artifactcache.collection.ManifestReader} and
 * {@link dev.artifactcache.collection.ArtifactReader}. Nothing here knows about the store,
 * the index or HTTP. A broken artifact never breaks its collection: it becomes an
 * {@link dev.artifactcache.collection.EntryProblem} (no usable identity) or an
 * {@link dev.artifactcache.collection.ArtifactMetadata} with {@code failed} set.
 *
 * <p>Built for 100,000-artifact collections: manifest and lock are split at their table headers
 * and parsed a table at a time (in parallel), by a fast parser for the plain TOML SkillMeat
 * writes with tomlj behind it for everything else and for every error message; frontmatter is
 * composed into YAML nodes, never constructed into objects; every file is read once, bounded.
 */
package dev.artifactcache.collection;
