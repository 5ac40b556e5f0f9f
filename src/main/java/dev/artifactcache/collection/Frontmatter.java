package dev.artifactcache.collection;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The YAML frontmatter of a Markdown file (formats.md, "Frontmatter") and where its body starts.
 *
 * <p>YAML is only composed into nodes, never constructed into objects: no tag is ever honoured,
 * every scalar stays the text it was written as ({@code version: 1.10} stays "1.10"), and only
 * top-level scalars and lists of scalars are read, so shared (aliased) nodes are never expanded.
 *
 * @param values    top-level keys to a String, a List of Strings, or null
 * @param bodyStart char offset where the Markdown body starts
 * @param warnings  what was ignored: the block read line by line because it is not valid YAML, or a value the
 *                  cache uses that has the wrong type ({@code description: [a, b]}); each names the file
 */
record Frontmatter(Map<String, Object> values, int bodyStart, List<String> warnings) {

    /** formats.md: 256 KiB for the block. */
    static final int MAX_BLOCK_BYTES = 256 * 1024;

    private static final LoaderOptions OPTIONS = loaderOptions();
    private static final Resolver NULL_ONLY = new NullOnlyResolver();

    /** Keys the cache reads as one text value. */
    private static final Set<String> TEXT_KEYS = Set.of("title", "description", "author", "license", "version");
    /** Keys the cache reads as a list (or a text it splits). */
    private static final Set<String> LIST_KEYS = Set.of("tags", "tools", "allowed-tools", "allowedTools");

    Frontmatter {
        warnings = List.copyOf(warnings);
    }

    static Frontmatter none(int bodyStart) {
        return new Frontmatter(Map.of(), bodyStart, List.of());
    }

    /**
     * @param text  the whole file
     * @param label the file relative to the collection folder, for messages
     * @throws MetadataFileException when the block is too large or breaks a YAML safety limit
     */
    static Frontmatter parse(String text, String label) throws MetadataFileException {
        FrontmatterBlock block = FrontmatterBlock.find(text);
        if (block == null) {
            return none(0);
        }
        String yaml = text.substring(block.start(), block.end());
        if ((long) yaml.length() * 3 > MAX_BLOCK_BYTES) { // a shorter block cannot reach the limit: skip the count
            int bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BLOCK_BYTES) {
                throw new MetadataFileException(label + ": the frontmatter block is " + bytes + " bytes; at most "
                        + MAX_BLOCK_BYTES + " (256 KiB) are read");
            }
        }
        try {
            Node root = new Composer(new ParserImpl(new StreamReader(yaml), OPTIONS), NULL_ONLY, OPTIONS).getSingleNode();
            if (!(root instanceof MappingNode mapping)) {
                return none(block.bodyStart());
            }
            List<String> warnings = new ArrayList<>();
            return new Frontmatter(values(mapping, label, warnings), block.bodyStart(), warnings);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String position = mark == null ? "" : " (line " + (block.firstLine() + mark.getLine()) + ", column " + (mark.getColumn() + 1) + ")";
            return new Frontmatter(LineByLineFrontmatter.read(yaml), block.bodyStart(),
                    List.of(label + ": frontmatter is not valid YAML" + position + "; read line by line"));
        } catch (YAMLException e) {
            // Unmarked: a limit (aliases, nesting, size) was hit. That is an attack or a broken generator, not a typo.
            throw new MetadataFileException(label + ": the frontmatter exceeds a YAML safety limit (" + e.getMessage() + "); not read");
        }
    }

    /** A value as trimmed text; blank, missing, or a list give null. */
    String text(String key) {
        return values.get(key) instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    /** The values the cache uses; the description here is the frontmatter's only (no body fallback). */
    MetadataValues metadata() {
        return new MetadataValues(text("title"), text("description"), text("author"), text("license"), text("version"),
                TagLists.of(values.get("tags")),
                ToolNames.firstNonEmpty(Stream.of(values.get("tools"), values.get("allowed-tools"), values.get("allowedTools"))));
    }

    /** Top-level keys to their values; a value the cache uses that has the wrong shape is left out with a warning. */
    private static Map<String, Object> values(MappingNode mapping, String label, List<String> warnings) {
        Map<String, Object> values = HashMap.newHashMap(mapping.getValue().size());
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                String name = key.getValue();
                Node value = tuple.getValueNode();
                if (TEXT_KEYS.contains(name) && !(value instanceof ScalarNode)) {
                    warnings.add(label + ": frontmatter " + name + " must be text, not " + kind(value) + "; ignored");
                } else if (LIST_KEYS.contains(name) && value instanceof MappingNode) {
                    warnings.add(label + ": frontmatter " + name + " must be a list or text, not a mapping; ignored");
                } else {
                    values.put(name, value(name, value, label, LIST_KEYS.contains(name) ? warnings : new ArrayList<>()));
                }
            }
        }
        return values;
    }

    /** A scalar's text, a list's scalar items (others are warned about when {@code warnings} is kept), or null. */
    private static Object value(String name, Node node, String label, List<String> warnings) {
        if (node instanceof ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue();
        }
        if (node instanceof SequenceNode sequence) {
            List<String> items = new ArrayList<>(sequence.getValue().size());
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                if (item instanceof ScalarNode scalar) {
                    if (!Tag.NULL.equals(scalar.getTag())) {
                        items.add(scalar.getValue());
                    }
                } else {
                    warnings.add(label + ": frontmatter " + name + "[" + i + "] is " + kind(item) + ", not text; ignored");
                }
            }
            return items;
        }
        return null; // nested mappings are "extra": not needed by the cache
    }

    private static String kind(Node node) {
        return node instanceof SequenceNode ? "a list" : node instanceof MappingNode ? "a mapping" : "text";
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_BLOCK_BYTES);
        return options;
    }

    /** Resolves only nulls ({@code ~}, {@code null}, empty); every other plain scalar stays a string. */
    private static final class NullOnlyResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
