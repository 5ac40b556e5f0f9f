package dev.artifactcache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes SkillMeat homes for tests: config.toml, collections with their collection.toml and
 * artifact files, in the format the SkillMeat CLI writes.
 */
public final class TestHome {

    private final Path root;
    private final Map<String, Map<String, String>> manifests = new LinkedHashMap<>();

    public TestHome(Path root) {
        this.root = root;
        write("config.toml", "[settings]\ndefault-collection = \"default\"\n");
    }

    /**
     * The small home many tests share: in collection "default" the skills pdf-tools and
     * kubernetes-architect and the MCP server github, in "work" the skill code-reviewer.
     */
    public static TestHome fourArtifacts(Path root) {
        return new TestHome(root)
                .skill("default", "pdf-tools", "description: Extract text from PDFs\n", "")
                .skill("default", "kubernetes-architect", "description: Design clusters\n", "")
                .mcp("default", "github", "GitHub issues and pull requests")
                .skill("work", "code-reviewer", "description: Review diffs\n", "");
    }

    public Path root() {
        return root;
    }

    public Path collection(String name) {
        return root.resolve("collections").resolve(name);
    }

    /** Adds (or replaces) a skill with a SKILL.md and writes the manifest. */
    public TestHome skill(String collection, String name, String frontmatter, String body) {
        write("collections/" + collection + "/skills/" + name + "/SKILL.md", "---\n" + frontmatter + "---\n" + body);
        return entry(collection, "skill:" + name, """
                [[artifacts]]
                name = "%s"
                type = "skill"
                path = "skills/%s"
                origin = "github"
                upstream = "https://github.com/acme/agent-skills/tree/3f2a/skills/%s"
                version_spec = "v1.2.0"
                resolved_sha = "3f2a9c0e1b7d4a6f8e2c5b9d1a3f7e6c0b4d8a2e"
                tags = ["docs"]
                added = "2026-01-15T10:30:00.123456"
                """.formatted(name, name, name));
    }

    /** Adds {@code count} skills {@code skill-00000...} with the manifest written once, for large homes. */
    public TestHome skills(String collection, int count) {
        Map<String, String> entries = manifests.computeIfAbsent(collection, c -> new LinkedHashMap<>());
        for (int i = 0; i < count; i++) {
            String name = String.format("skill-%05d", i);
            write("collections/" + collection + "/skills/" + name + "/SKILL.md",
                    "---\ndescription: Generated skill " + i + "\ntags: [bulk]\n---\n");
            entries.put("skill:" + name, """
                    [[artifacts]]
                    name = "%s"
                    type = "skill"
                    path = "skills/%s"
                    origin = "local"
                    added = "2026-03-01T12:00:00"
                    """.formatted(name, name));
        }
        return writeManifest(collection);
    }

    /**
     * An artifact of any type, as the SkillMeat CLI adds it. Skills, commands and agents get their
     * metadata file with this metadata in the frontmatter; other types carry it in the manifest's
     * {@code [artifacts.metadata]}.
     *
     * @param origin {@code local}, {@code github} (with an upstream and a pinned version) or
     *               {@code marketplace} (from GitHub)
     */
    public record Artifact(String type, String name, String origin, String description, List<String> tags,
                           List<String> tools, String version) {
    }

    /** Adds (or replaces) many artifacts of any type, writing the manifest once. */
    public TestHome artifacts(String collection, List<Artifact> artifacts) {
        Map<String, String> entries = manifests.computeIfAbsent(collection, c -> new LinkedHashMap<>());
        for (Artifact artifact : artifacts) {
            String path = switch (artifact.type()) {
                case "skill" -> "skills/" + artifact.name();
                case "command", "agent" -> artifact.type() + "s/" + artifact.name() + ".md";
                default -> artifact.type() + "s/" + artifact.name();
            };
            boolean hasFile = List.of("skill", "command", "agent").contains(artifact.type());
            if (hasFile) {
                write("collections/" + collection + "/" + path + (artifact.type().equals("skill") ? "/SKILL.md" : ""),
                        "---\n" + frontmatter(artifact) + "---\n\n# " + artifact.name() + "\n");
            }
            entries.put(artifact.type() + ":" + artifact.name(), manifestEntry(artifact, path, hasFile));
        }
        return writeManifest(collection);
    }

    private static String frontmatter(Artifact artifact) {
        return "description: " + quoted(artifact.description()) + "\n"
                + "version: " + quoted(artifact.version()) + "\n"
                + "tags: [" + String.join(", ", artifact.tags()) + "]\n"
                + "allowed-tools: " + String.join(" ", artifact.tools()) + "\n";
    }

    private static String manifestEntry(Artifact artifact, String path, boolean hasFile) {
        StringBuilder toml = new StringBuilder("""
                [[artifacts]]
                name = "%s"
                type = "%s"
                path = "%s"
                origin = "%s"
                added = "2026-02-01T08:00:00"
                """.formatted(artifact.name(), artifact.type(), path, artifact.origin()));
        if (!artifact.origin().equals("local")) {
            toml.append("upstream = \"https://github.com/acme/agent-").append(artifact.type()).append("s/tree/3f2a/")
                    .append(path).append("\"\nversion_spec = \"v").append(artifact.version()).append("\"\n");
        }
        if (artifact.origin().equals("marketplace")) {
            toml.append("origin_source = \"github\"\n");
        }
        if (!hasFile) {
            toml.append("[artifacts.metadata]\ndescription = ").append(quoted(artifact.description()))
                    .append("\nversion = ").append(quoted(artifact.version()))
                    .append("\ntags = ").append(quotedList(artifact.tags()))
                    .append("\ntools = ").append(quotedList(artifact.tools())).append('\n');
        }
        return toml.toString();
    }

    /** A double-quoted string, valid in both YAML and TOML. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String quotedList(List<String> values) {
        return values.stream().map(TestHome::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Adds an MCP server (manifest metadata only). */
    public TestHome mcp(String collection, String name, String description) {
        return entry(collection, "mcp:" + name, """
                [[artifacts]]
                name = "%s"
                type = "mcp"
                path = "mcps/%s"
                origin = "local"
                added = "2026-02-01T08:00:00"
                [artifacts.metadata]
                description = "%s"
                tools = ["mcp__%s__query"]
                """.formatted(name, name, description, name));
    }

    public TestHome remove(String collection, String id) {
        manifests.get(collection).remove(id);
        return writeManifest(collection);
    }

    private TestHome entry(String collection, String id, String toml) {
        manifests.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, toml);
        return writeManifest(collection);
    }

    private TestHome writeManifest(String collection) {
        StringBuilder toml = new StringBuilder("""
                [collection]
                name = "%s"
                version = "1.0.0"
                created = "2026-01-01T00:00:00"
                updated = "2026-01-01T00:00:00"

                """.formatted(collection));
        manifests.get(collection).values().forEach(entry -> toml.append(entry).append('\n'));
        return write("collections/" + collection + "/collection.toml", toml.toString());
    }

    public TestHome write(String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
