package dev.artifactcache.bench;

import dev.artifactcache.collection.ArtifactType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Renders an artifact's Markdown file: the frontmatter (or none, or one only a lenient reader
 * accepts) and a body of a few sections, 0.5-4 KB like real SKILL.md, command and agent files.
 */
final class MarkdownText {

    private MarkdownText() {
    }

    static byte[] render(ArtifactDraft a) {
        String heading = "# " + (a.title != null ? a.title : ArtifactFactory.titleOf(a.name)) + "\n\n";
        String text = a.hasMetadataFile() ? frontmatter(a) + heading + body(a) : heading + readme(a);
        if (a.crlf) {
            text = text.replace("\n", "\r\n");
        }
        if (a.bom) {
            text = "\uFEFF" + text;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String frontmatter(ArtifactDraft a) {
        if (a.frontmatter == ArtifactDraft.Frontmatter.NONE) {
            return "";
        }
        StringBuilder yaml = new StringBuilder(256).append("---\n");
        if (a.type != ArtifactType.COMMAND) {
            yaml.append("name: ").append(a.name).append('\n');
        }
        if (a.descriptionInFrontmatter) {
            yaml.append("description: ").append(description(a)).append('\n');
        }
        optional(yaml, "title", a.title);
        optional(yaml, "author", a.author);
        optional(yaml, "license", a.license);
        optional(yaml, "version", a.version);
        tools(yaml, a);
        if (!a.frontmatterTags.isEmpty()) {
            yaml.append("tags: ").append(String.join(", ", a.frontmatterTags)).append('\n');
        }
        optional(yaml, "model", a.model);
        return yaml.append("---\n\n").toString();
    }

    private static String description(ArtifactDraft a) {
        if (a.frontmatter == ArtifactDraft.Frontmatter.LENIENT) {
            // Valid for the agents' own loaders, not for YAML: "mapping values are not allowed here".
            return "Use when: " + a.description;
        }
        return switch (a.descriptionQuoting) {
            case PLAIN -> a.description;
            case DOUBLE -> "\"" + a.description + "\"";
            case SINGLE -> "'" + a.description + "'";
        };
    }

    private static void tools(StringBuilder yaml, ArtifactDraft a) {
        if (a.tools.isEmpty()) {
            return;
        }
        switch (a.toolSpelling) {
            case SPACES -> yaml.append("allowed-tools: ").append(String.join(" ", a.tools)).append('\n');
            case COMMAS -> yaml.append("tools: ").append(String.join(", ", a.tools)).append('\n');
            case BLOCK_LIST -> {
                yaml.append("allowed-tools:\n");
                a.tools.forEach(tool -> yaml.append("  - ").append(tool).append('\n'));
            }
            case FLOW_LIST -> yaml.append("tools: ")
                    .append(a.tools.stream().map(tool -> "\"" + tool + "\"").collect(Collectors.joining(", ", "[", "]")))
                    .append('\n');
            case MANIFEST -> {
                // in [artifacts.metadata]
            }
        }
    }

    private static void optional(StringBuilder yaml, String key, String value) {
        if (value != null) {
            yaml.append(key).append(": ").append(value).append('\n');
        }
    }

    /** Sections of generated prose; without a frontmatter description, the first line is the description. */
    private static String body(ArtifactDraft a) {
        Random random = new Random(a.bodySeed);
        StringBuilder body = new StringBuilder(2048);
        body.append(a.frontmatter == ArtifactDraft.Frontmatter.NONE && a.metadataDescription == null
                ? a.description : ArtifactFactory.sentence(random, 8 + random.nextInt(12))).append("\n\n");
        for (String section : List.of("## When to use", "## Instructions", "## Examples")) {
            if (random.nextInt(100) < 70) {
                body.append(section).append("\n\n");
                int lines = 1 + random.nextInt(8);
                for (int i = 0; i < lines; i++) {
                    body.append(random.nextBoolean() ? "- " : "").append(ArtifactFactory.sentence(random, 6 + random.nextInt(15))).append('\n');
                }
                if (section.equals("## Examples") && random.nextBoolean()) {
                    body.append("\n```bash\n").append(a.name).append(" --help\n```\n");
                }
                body.append('\n');
            }
        }
        return body.toString();
    }

    /** The README in a hook, MCP, workflow or composite folder; the cache never reads it. */
    private static String readme(ArtifactDraft a) {
        return a.description + "\n";
    }
}
