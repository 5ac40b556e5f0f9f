package dev.artifactcache.collection;

import dev.artifactcache.collection.TomlSections.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A collection's {@code collection.lock}: per {@code "<name>::<type>"}, the upstream and
 * resolved version the manifest falls back to. A missing, unreadable or invalid lock file is not
 * an error for the cache: it gives no entries, and an invalid one is logged.
 */
final class LockFile {

    static final String FILE_NAME = "collection.lock";
    static final LockFile EMPTY = new LockFile(Map.of());

    /** The values of one lock entry that the cache uses (text trimmed, blank is null). */
    record Entry(String upstream, String resolvedSha, String resolvedVersion) {
    }

    private static final System.Logger LOG = System.getLogger(LockFile.class.getName());
    private static final List<String> ENTRIES = List.of("lock", "entries");

    private static final ChunkedToml.Grouping ONE_ENTRY_PER_GROUP = new ChunkedToml.Grouping() {
        @Override
        public boolean starts(Header header) {
            return !header.arrayOfTables() && header.key().size() == 3 && header.key().subList(0, 2).equals(ENTRIES);
        }

        @Override
        public boolean continues(Header group, Header header) {
            return header.key().size() > 3 && header.key().subList(0, 3).equals(group.key());
        }
    };

    private final Map<String, Entry> entries;

    private LockFile(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** The lock entry of {@code name} and {@code type}, or null. */
    Entry find(String name, ArtifactType type) {
        return entries.get(name + "::" + type.wire());
    }

    int size() {
        return entries.size();
    }

    static LockFile read(Path file) {
        String text;
        try {
            text = ManifestReader.withoutBom(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: cannot be read ({1}); using the manifest without lock values", file, e);
            return EMPTY;
        }
        try {
            return parse(text);
        } catch (ChunkedToml.SyntaxError e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: invalid TOML at line {1}, column {2}: {3}; using the manifest without lock values",
                    file, e.line, e.column, e.getMessage());
            return EMPTY;
        }
    }

    static LockFile parse(String text) throws ChunkedToml.SyntaxError {
        ChunkedToml.Parsed<Located> parsed = ChunkedToml.parse(text, ONE_ENTRY_PER_GROUP, (group, index, line) -> new Located(entries(group), line));
        Map<String, Entry> entries = HashMap.newHashMap(parsed.groups().size());
        addAll(new Located(entries(parsed.rest()), 1), entries);
        for (Located group : parsed.groups()) {
            addAll(group, entries);
        }
        return new LockFile(Map.copyOf(entries));
    }

    /** Entries read from one part of the file, and the line where that part starts. */
    private record Located(Map<String, Entry> entries, int line) {
    }

    private static void addAll(Located from, Map<String, Entry> into) throws ChunkedToml.SyntaxError {
        for (Map.Entry<String, Entry> entry : from.entries().entrySet()) {
            if (into.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                // Parsed as one document, tomlj would reject the second definition: so do we.
                throw new ChunkedToml.SyntaxError(from.line(), 1, "lock entry \"" + entry.getKey() + "\" is defined twice");
            }
        }
    }

    /** The entries under [lock.entries] in one document. */
    @SuppressWarnings("unchecked")
    private static Map<String, Entry> entries(Map<String, Object> document) {
        if (!(document.get("lock") instanceof Map<?, ?> lock) || !(lock.get("entries") instanceof Map<?, ?> table)) {
            return Map.of();
        }
        Map<String, Entry> entries = HashMap.newHashMap(table.size());
        for (Map.Entry<?, ?> entry : table.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> values) {
                Map<String, Object> fields = (Map<String, Object>) values;
                entries.put((String) entry.getKey(), new Entry(TomlFields.text(fields, "upstream"),
                        TomlFields.text(fields, "resolved_sha"), TomlFields.text(fields, "resolved_version")));
            }
        }
        return entries;
    }
}
