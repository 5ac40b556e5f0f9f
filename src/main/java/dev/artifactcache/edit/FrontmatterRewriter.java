package dev.artifactcache.edit;

import dev.artifactcache.collection.ArtifactFiles;
import dev.artifactcache.collection.FrontmatterBlock;
import dev.artifactcache.collection.MetadataFileException;
import dev.artifactcache.collection.MetadataValues;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the frontmatter of a Markdown metadata file (SKILL.md, a command, an agent): each key
 * the edit sets gets one new line in place of its old lines, a key it lacks is added at the end
 * of the block, and every other byte (the body, other keys and their order, comments, quoting,
 * CRLF, a BOM) stays as it was. The frontmatter's {@code tags} are rewritten only where the file
 * has them; the manifest holds the tags otherwise.
 */
final class FrontmatterRewriter {

    /** A top-level key at column 0: bare, or quoted without escapes, then a colon and a blank or the line end. */
    private static final Pattern KEY = Pattern.compile("(?:\"([^\"\\\\]*)\"|'([^']*)'|([^\\s#'\"?:\\-\\[\\]{},&*!|>%@`][^:#]*?))\\s*:(?:[ \\t].*|)");

    private record Replacement(int start, int end, String text) {
    }

    private FrontmatterRewriter() {
    }

    /**
     * @param text  the whole file, as read
     * @param label the file relative to the collection folder, for messages
     * @return the new text (the same string when the edit sets nothing the frontmatter holds)
     * @throws RefusedException (409) when the frontmatter is not a valid YAML mapping: a file
     *                              that could not be parsed is never rewritten
     */
    static String rewrite(String text, MetadataEdit edit, String label) throws RefusedException {
        String newline = LineEnds.of(text);
        FrontmatterBlock block = FrontmatterBlock.find(text);
        Map<String, String> lines = new LinkedHashMap<>();
        edit.scalars().forEach((key, value) -> lines.put(key, key + ": " + YamlText.scalar(value) + newline));
        if (block == null) {
            if (lines.isEmpty()) {
                return text;
            }
            int bom = text.startsWith("\uFEFF") ? 1 : 0;
            String added = text.substring(0, bom) + "---" + newline + String.join("", lines.values()) + "---" + newline
                    + text.substring(bom);
            return verified(added, edit, false, label);
        }
        requireMapping(text.substring(block.start(), block.end()), block.firstLine(), label);
        Map<String, int[]> ranges = keyRanges(text, block);
        boolean tagsInFile = ranges.containsKey("tags");
        if (edit.tags() != null && tagsInFile) {
            lines.put("tags", "tags: " + YamlText.list(edit.tags()) + newline);
        }
        if (lines.isEmpty()) {
            return text;
        }
        List<Replacement> replacements = new ArrayList<>();
        StringBuilder appended = new StringBuilder();
        lines.forEach((key, line) -> {
            int[] range = ranges.get(key);
            if (range == null) {
                appended.append(line);
            } else {
                replacements.add(new Replacement(range[0], range[1], line));
            }
        });
        if (!appended.isEmpty()) {
            String separator = block.end() > block.start() && text.charAt(block.end() - 1) != '\n' ? newline : "";
            replacements.add(new Replacement(block.end(), block.end(), separator + appended));
        }
        replacements.sort(Comparator.comparingInt(Replacement::start).thenComparingInt(Replacement::end).reversed());
        StringBuilder out = new StringBuilder(text);
        for (Replacement r : replacements) {
            out.replace(r.start(), r.end(), r.text());
        }
        return verified(out.toString(), edit, edit.tags() != null && tagsInFile, label);
    }

    /**
     * Each top-level key's lines: the key line and the lines that continue its value (indented, a
     * {@code - item} of a list, blank lines between them), without trailing blank lines.
     */
    private static Map<String, int[]> keyRanges(String text, FrontmatterBlock block) {
        Map<String, int[]> ranges = new LinkedHashMap<>();
        String current = null;
        int start = 0;
        int lastContentEnd = 0;
        for (int at = block.start(); at < block.end(); ) {
            int newline = text.indexOf('\n', at);
            int end = newline < 0 || newline >= block.end() ? block.end() : newline + 1;
            String line = text.substring(at, end).stripTrailing();
            boolean continues = line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.charAt(0) == '-';
            if (!continues) {
                if (current != null) {
                    ranges.putIfAbsent(current, new int[] {start, lastContentEnd});
                }
                Matcher key = KEY.matcher(line);
                current = key.matches() ? firstNonNull(key.group(1), key.group(2), key.group(3)).strip() : null;
                start = at;
            }
            if (!line.isEmpty()) {
                lastContentEnd = end;
            }
            at = end;
        }
        if (current != null) {
            ranges.putIfAbsent(current, new int[] {start, lastContentEnd});
        }
        return ranges;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A block that is empty or a YAML mapping without repeated keys; anything else is refused. */
    private static void requireMapping(String yaml, int firstLine, String label) throws RefusedException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(20);
        Node root;
        try {
            root = new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String position = mark == null ? "" : " (line " + (firstLine + mark.getLine()) + ", column " + (mark.getColumn() + 1) + ")";
            throw EditRefusals.unsafeFile(label + ": the frontmatter is not valid YAML" + position
                    + "; the cache does not rewrite a file it cannot parse. Fix the frontmatter, then edit again");
        } catch (YAMLException e) {
            throw EditRefusals.unsafeFile(label + ": the frontmatter cannot be read safely (" + e.getMessage() + "); it is not rewritten");
        }
        if (root != null && !(root instanceof MappingNode)) {
            throw EditRefusals.unsafeFile(label + ": the frontmatter is not a YAML mapping of keys to values; it is not rewritten");
        }
        if (root instanceof MappingNode mapping && mapping.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof MappingNode)) {
            throw EditRefusals.unsafeFile(label + ": the frontmatter has a complex key; it is not rewritten");
        }
    }

    /** Reads the new text back as a sync would: every value set must come back exactly. */
    private static String verified(String text, MetadataEdit edit, boolean tagsWritten, String label) throws RefusedException {
        MetadataValues values;
        try {
            ArtifactFiles.FrontmatterValues read = ArtifactFiles.frontmatter(text, label);
            if (read.problem() != null) {
                throw EditRefusals.unsafeFile(label + ": the rewritten frontmatter would not read back as valid YAML (" + read.problem()
                        + "); the file is left as it was");
            }
            values = read.values();
        } catch (MetadataFileException e) {
            throw EditRefusals.unsafeFile(e.getMessage());
        }
        boolean same = (edit.title() == null || edit.title().equals(values.title()))
                && (edit.description() == null || edit.description().equals(values.description()))
                && (edit.author() == null || edit.author().equals(values.author()))
                && (edit.license() == null || edit.license().equals(values.license()))
                && (!tagsWritten || edit.tags().equals(values.tags()));
        if (!same) {
            throw EditRefusals.unsafeFile(label + ": the frontmatter is laid out in a way the cache cannot rewrite exactly (a key written "
                    + "twice or over several lines); the file is left as it was");
        }
        return text;
    }
}
