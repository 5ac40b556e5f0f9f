package dev.artifactcache.bench;

/** Renders the TOML of collection.toml and collection.lock (formats.md) as the SkillMeat CLI writes it. */
final class ManifestText {

    private ManifestText() {
    }

    static String header(String collection, String created, String updated) {
        return "[collection]\n"
                + "name = " + TomlText.string(collection) + "\n"
                + "version = \"1.0.0\"\n"
                + "created = " + TomlText.string(created) + "\n"
                + "updated = " + TomlText.string(updated) + "\n\n";
    }

    /** One {@code [[artifacts]]} table, with its {@code [artifacts.metadata]} sub-table when it has one. */
    static String artifact(ArtifactDraft a) {
        StringBuilder toml = new StringBuilder(512).append("[[artifacts]]\n");
        line(toml, "name", a.name);
        line(toml, "type", a.type.wire());
        line(toml, "path", a.path);
        line(toml, "origin", a.origin);
        line(toml, "origin_source", a.originSource);
        line(toml, "upstream", a.upstream);
        line(toml, "version_spec", a.versionSpec);
        if (a.resolvedInManifest) {
            line(toml, "resolved_sha", a.resolvedSha);
            line(toml, "resolved_version", a.resolvedVersion);
        }
        line(toml, "added", a.added);
        line(toml, "last_updated", a.lastUpdated);
        if (!a.manifestTags.isEmpty()) {
            toml.append("tags = ").append(TomlText.array(a.manifestTags)).append('\n');
        }
        line(toml, "uuid", a.uuid);
        if (a.metadataTable) {
            toml.append("\n[artifacts.metadata]\n");
            if (!a.hasMetadataFile() || a.frontmatter == ArtifactDraft.Frontmatter.NONE) {
                line(toml, "title", a.title);
            }
            line(toml, "description", a.metadataDescription);
            line(toml, "author", a.author);
            line(toml, "license", a.license);
            line(toml, "version", a.version);
            if (a.toolSpelling == ArtifactDraft.ToolSpelling.MANIFEST && !a.tools.isEmpty()) {
                toml.append("tools = ").append(TomlText.array(a.tools)).append('\n');
            }
            if (!a.metadataTags.isEmpty()) {
                toml.append("tags = ").append(TomlText.array(a.metadataTags)).append('\n');
            }
        }
        return toml.append('\n').toString();
    }

    static String lockHeader() {
        return "[lock]\nversion = \"1.0.0\"\n\n";
    }

    /** One {@code [lock.entries."<name>::<type>"]} table. */
    static String lockEntry(ArtifactDraft a, String contentHash) {
        StringBuilder toml = new StringBuilder(256)
                .append("[lock.entries.").append(TomlText.string(a.name + "::" + a.type.wire())).append("]\n");
        line(toml, "content_hash", contentHash);
        line(toml, "fetched", a.fetched);
        line(toml, "upstream", a.upstream);
        line(toml, "resolved_sha", a.resolvedSha);
        line(toml, "resolved_version", a.resolvedVersion);
        return toml.append('\n').toString();
    }

    /** Other top-level arrays SkillMeat writes; the cache must ignore them. */
    static String tagDefinitions() {
        StringBuilder toml = new StringBuilder();
        for (int rank = 1; rank <= 5; rank++) {
            toml.append("[[tag_definitions]]\n");
            line(toml, "name", Vocabulary.TAGS.get(rank - 1));
            line(toml, "color", String.format("#%06x", rank * 0x2F4A1B & 0xFFFFFF));
            toml.append('\n');
        }
        return toml.toString();
    }

    private static void line(StringBuilder toml, String key, String value) {
        if (value != null) {
            toml.append(key).append(" = ").append(TomlText.string(value)).append('\n');
        }
    }
}
