package dev.artifactcache.bench;

import dev.artifactcache.collection.ArtifactType;

import java.util.ArrayList;
import java.util.List;

/**
 * What the generator decided for one artifact, before it is rendered into the manifest, the lock
 * file and the metadata file: the values, and where and how each is written (formats.md allows
 * several places and spellings, and real folders use all of them).
 */
final class ArtifactDraft {

    enum Frontmatter {
        /** A valid YAML block. */
        YAML,
        /** No block: the description comes from the manifest or the first body line. */
        NONE,
        /** A block with an unquoted {@code ": "} in the description, which only the line-by-line read accepts. */
        LENIENT
    }

    enum ToolSpelling {
        /** {@code allowed-tools: Read Grep Bash(git:*)} (the Agent Skills format). */
        SPACES,
        /** {@code tools: Read, Grep, Glob} (Claude Code agents). */
        COMMAS,
        /** A YAML block sequence. */
        BLOCK_LIST,
        /** A YAML flow sequence, items quoted. */
        FLOW_LIST,
        /** Only in the manifest's {@code [artifacts.metadata] tools}. */
        MANIFEST
    }

    enum Quoting { PLAIN, DOUBLE, SINGLE }

    ArtifactType type;
    String name;
    /** The manifest's {@code path}, relative to the collection folder. */
    String path;
    /** The file written for the artifact (its metadata file, or a README in a file-less artifact's folder). */
    String file;

    String origin;
    String originSource;
    String upstream;
    String versionSpec;
    String resolvedSha;
    String resolvedVersion;
    /** False: resolved_sha and resolved_version are only in the lock file. */
    boolean resolvedInManifest;
    String added;
    String lastUpdated;
    String fetched;
    String uuid;

    String title;
    String description;
    String author;
    String license;
    String version;
    String model;
    List<String> tools = new ArrayList<>();
    ToolSpelling toolSpelling = ToolSpelling.MANIFEST;

    List<String> manifestTags = new ArrayList<>();
    List<String> metadataTags = new ArrayList<>();
    List<String> frontmatterTags = new ArrayList<>();

    /** Whether the manifest has an {@code [artifacts.metadata]} table, and what it copied at add time. */
    boolean metadataTable;
    String metadataDescription;
    boolean descriptionInFrontmatter;

    Frontmatter frontmatter = Frontmatter.YAML;
    Quoting descriptionQuoting = Quoting.PLAIN;
    boolean crlf;
    boolean bom;
    /** Seeds the Markdown body, so the body need not be kept in memory. */
    long bodySeed;

    boolean hasMetadataFile() {
        return type == ArtifactType.SKILL || type == ArtifactType.COMMAND || type == ArtifactType.AGENT;
    }

    /** An unquoted {@code description:} line that an edit can safely prepend a word to. */
    boolean editableDescription() {
        return hasMetadataFile() && frontmatter == Frontmatter.YAML && descriptionInFrontmatter
                && descriptionQuoting == Quoting.PLAIN && !crlf && !bom;
    }
}
