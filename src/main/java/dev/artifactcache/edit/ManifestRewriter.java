package dev.artifactcache.edit;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.TomlSections;
import dev.artifactcache.collection.TomlSections.Section;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites one artifact's entry in {@code collection.toml}: its {@code tags}, and the keys of its
 * {@code [artifacts.metadata]} table. A value that is there gets new text in place of its old
 * value (a comment after it stays); a key that is not is added after the table's last line; a
 * missing {@code [artifacts.metadata]} is added right after the entry's own keys. Every other
 * byte stays as it was.
 */
final class ManifestRewriter {

    static final String FILE = "collection.toml";
    private static final String ARTIFACTS = "artifacts";
    private static final String METADATA = "metadata";
    /** A key at the start of a line (after blanks): bare, or quoted without escapes, then {@code =}. */
    private static final Pattern KEY = Pattern.compile("[ \\t]*(?:([A-Za-z0-9_-]+)|\"([^\"\\\\\\n]*)\"|'([^'\\n]*)')[ \\t]*=[ \\t]*");

    /** The value spans of a table's keys, and where a new key line goes. */
    private record Table(Map<String, int[]> values, int appendAt) {
    }

    private record Replacement(int start, int end, String text) {
    }

    private ManifestRewriter() {
    }

    /**
     * @param text        collection.toml as read (a BOM is kept)
     * @param id          the artifact
     * @param edit        the values to set
     * @param withScalars whether title, description, author and license go to {@code [artifacts.metadata]}
     *                    (types without a metadata file); tags always go to the manifest
     * @throws RefusedException (409) when the manifest cannot be parsed or the entry is written
     *                              in a way that cannot be rewritten safely; (404) when it has no such entry
     */
    static String rewrite(String text, ArtifactId id, MetadataEdit edit, boolean withScalars) throws RefusedException {
        int bom = text.startsWith("\uFEFF") ? 1 : 0;
        String toml = text.substring(bom);
        TomlParseResult parsed = parse(toml, "");
        int index = entryIndex(parsed, id);
        TomlTable entry = parsed.getArray(ARTIFACTS).getTable(index);
        Map<String, String> scalars = withScalars ? edit.scalars() : Map.of();
        String newline = LineEnds.of(toml);

        List<Section> sections = entrySections(TomlSections.split(toml), index);
        Table own = table(toml, sections.getFirst(), id);
        Section metadataSection = sections.stream().skip(1)
                .filter(s -> !s.header().arrayOfTables() && s.header().key().equals(List.of(ARTIFACTS, METADATA)))
                .findFirst().orElse(null);
        Table metadata = metadataSection == null ? null : table(toml, metadataSection, id);
        boolean metadataElsewhere = metadataSection == null && entry.contains(METADATA);
        if (metadataElsewhere && (!scalars.isEmpty() || (edit.tags() != null && entry.isTable(METADATA)
                && entry.getTableOrEmpty(METADATA).contains("tags")))) {
            throw EditRefusals.unsafeFile(FILE + ": the metadata of " + id + " is written inline (metadata = {...} or metadata.key = ...), "
                    + "which the cache does not rewrite; write it as an [artifacts.metadata] table");
        }
        if (edit.tags() != null && entry.contains("tags") && !own.values().containsKey("tags")) {
            throw EditRefusals.unsafeFile(FILE + ": the tags of " + id + " are written in a way the cache does not rewrite");
        }

        List<Replacement> replacements = new ArrayList<>();
        StringBuilder ownAppend = new StringBuilder();
        if (edit.tags() != null) {
            set(replacements, ownAppend, own, "tags", TomlText.list(edit.tags()), newline);
            if (metadata != null && metadata.values().containsKey("tags")) {
                set(replacements, new StringBuilder(), metadata, "tags", TomlText.list(edit.tags()), newline);
            }
        }
        if (!scalars.isEmpty()) {
            if (metadata == null) {
                ownAppend.append('[').append(ARTIFACTS).append('.').append(METADATA).append(']').append(newline);
                scalars.forEach((key, value) -> ownAppend.append(key).append(" = ").append(TomlText.string(value)).append(newline));
            } else {
                StringBuilder metadataAppend = new StringBuilder();
                scalars.forEach((key, value) -> set(replacements, metadataAppend, metadata, key, TomlText.string(value), newline));
                append(replacements, toml, metadata.appendAt(), metadataAppend, newline);
            }
        }
        append(replacements, toml, own.appendAt(), ownAppend, newline);
        replacements.sort(Comparator.comparingInt(Replacement::start).thenComparingInt(Replacement::end).reversed());
        StringBuilder out = new StringBuilder(toml);
        for (Replacement r : replacements) {
            out.replace(r.start(), r.end(), r.text());
        }
        String rewritten = out.toString();
        verify(rewritten, index, id, edit, scalars, edit.tags() != null && metadata != null && metadata.values().containsKey("tags"));
        return text.substring(0, bom) + rewritten;
    }

    private static void set(List<Replacement> replacements, StringBuilder append, Table table, String key, String value,
                            String newline) {
        int[] span = table.values().get(key);
        if (span != null) {
            replacements.add(new Replacement(span[0], span[1], value));
        } else {
            append.append(key).append(" = ").append(value).append(newline);
        }
    }

    private static void append(List<Replacement> replacements, String toml, int at, StringBuilder lines, String newline) {
        if (!lines.isEmpty()) {
            String separator = at > 0 && toml.charAt(at - 1) != '\n' ? newline : "";
            replacements.add(new Replacement(at, at, separator + lines));
        }
    }

    private static TomlParseResult parse(String toml, String what) throws RefusedException {
        TomlParseResult parsed = Toml.parse(toml);
        if (parsed.hasErrors()) {
            var error = parsed.errors().getFirst();
            throw EditRefusals.unsafeFile(FILE + what + " line " + error.position().line() + ": " + error.getMessage()
                    + "; the cache does not rewrite a manifest it cannot parse");
        }
        return parsed;
    }

    /** The position of the artifact's table in the {@code artifacts} array. */
    private static int entryIndex(TomlParseResult parsed, ArtifactId id) throws RefusedException {
        TomlArray artifacts = parsed.isArray(ARTIFACTS) ? parsed.getArray(ARTIFACTS) : null;
        for (int i = 0; artifacts != null && i < artifacts.size(); i++) {
            if (artifacts.get(i) instanceof TomlTable table && id.name().equals(table.getString("name"))
                    && id.type().wire().equals(table.getString("type"))) {
                return i;
            }
        }
        throw EditRefusals.notFound(null, FILE + " has no [[artifacts]] entry " + id);
    }

    /** The {@code index}-th {@code [[artifacts]]} section and the sub-table sections after it. */
    private static List<Section> entrySections(List<Section> all, int index) throws RefusedException {
        List<Section> sections = new ArrayList<>();
        int seen = -1;
        for (Section section : all) {
            List<String> key = section.header() == null ? List.of() : section.header().key();
            boolean entryHeader = section.header() != null && section.header().arrayOfTables() && key.equals(List.of(ARTIFACTS));
            if (entryHeader) {
                seen++;
                if (seen > index) {
                    break;
                }
                if (seen == index) {
                    sections.add(section);
                }
            } else if (seen == index) {
                if (key.size() < 2 || !key.getFirst().equals(ARTIFACTS)) {
                    break;
                }
                sections.add(section);
            }
        }
        if (sections.isEmpty()) {
            throw EditRefusals.unsafeFile(FILE + ": the [[artifacts]] tables could not be located line by line; not rewritten");
        }
        return sections;
    }

    /** The keys of one table section with their value spans; new lines go after its last key line. */
    private static Table table(String toml, Section section, ArtifactId id) throws RefusedException {
        Map<String, int[]> values = new LinkedHashMap<>();
        int at = toml.indexOf('\n', section.start());
        at = at < 0 || at >= section.end() ? section.end() : at + 1;
        int appendAt = at;
        while (at < section.end()) {
            int lineEnd = toml.indexOf('\n', at);
            lineEnd = lineEnd < 0 || lineEnd >= section.end() ? section.end() : lineEnd + 1;
            String line = toml.substring(at, lineEnd).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                at = lineEnd;
                continue;
            }
            Matcher key = KEY.matcher(toml).region(at, section.end());
            if (!key.lookingAt()) {
                throw EditRefusals.unsafeFile(FILE + ": a line of " + id + "'s entry could not be read as key = value; not rewritten");
            }
            String name = key.group(1) != null ? key.group(1) : key.group(2) != null ? key.group(2) : key.group(3);
            int valueEnd = TomlText.valueEnd(toml, key.end());
            if (valueEnd < 0) {
                throw EditRefusals.unsafeFile(FILE + ": the value of " + name + " in " + id + "'s entry does not end; not rewritten");
            }
            values.putIfAbsent(name, new int[] {key.end(), valueEnd});
            int next = toml.indexOf('\n', valueEnd);
            at = next < 0 || next >= section.end() ? section.end() : next + 1;
            appendAt = at;
        }
        return new Table(values, appendAt);
    }

    /** Reads the result back: it parses, and the entry holds exactly the values set. */
    private static void verify(String toml, int index, ArtifactId id, MetadataEdit edit, Map<String, String> scalars,
                               boolean metadataTags) throws RefusedException {
        TomlParseResult parsed = parse(toml, " (as rewritten)");
        TomlTable entry = parsed.getArray(ARTIFACTS).getTable(index);
        TomlTable metadata = entry.isTable(METADATA) ? entry.getTable(METADATA) : null;
        boolean same = entry.getString("name").equals(id.name())
                && (edit.tags() == null || edit.tags().equals(strings(entry.getArray("tags"))))
                && (!metadataTags || (metadata != null && edit.tags().equals(strings(metadata.getArray("tags")))));
        for (Map.Entry<String, String> scalar : scalars.entrySet()) {
            same &= metadata != null && Objects.equals(scalar.getValue(), metadata.getString(scalar.getKey()));
        }
        if (!same) {
            throw EditRefusals.unsafeFile(FILE + ": " + id + "'s entry is laid out in a way the cache cannot rewrite exactly; "
                    + "the file is left as it was");
        }
    }

    private static List<String> strings(TomlArray array) {
        List<String> values = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            values.add(String.valueOf(array.get(i)));
        }
        return values;
    }
}
