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
 */
package dev.artifactcache.collection;
