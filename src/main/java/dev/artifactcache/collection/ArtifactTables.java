package dev.artifactcache.collection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the manifest's {@code [[artifacts]]} tables into entries, or problems when their identity is unusable. */
final class ArtifactTables {

    /** What one {@code [[artifacts]]} element became: an entry, or the problem that prevents one. */
    record Item(ManifestEntry entry, EntryProblem problem) {
    }

    record Result(List<ManifestEntry> entries, List<EntryProblem> problems) {
    }

    private ArtifactTables() {
    }

    /**
     * Reads one {@code [[artifacts]]} element (normally a table) merged with its lock entry.
     *
     * @param index the element's position in the array, from 0, for labels
     * @param line  the file line of its header
     */
    static Item read(Object value, int index, int line, LockFile lock) {
        String where = ManifestReader.MANIFEST_FILE + " line " + line + ": ";
        if (!(value instanceof Map<?, ?> map)) {
            return new Item(null, new EntryProblem("artifacts[" + index + "]", where + "artifacts[" + index + "] is not a table"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) map; // TOML keys are always strings
        Identity identity = identity(table, index, where);
        if (identity.problem() != null) {
            return new Item(null, identity.problem());
        }
        ArtifactId id = identity.id();
        return new Item(entry(table, id, line, lock.find(id.name(), id.type())), null);
    }

    /** The entries in manifest order, the first of each id winning, and the problems. */
    static Result collect(List<Item> items) {
        List<ManifestEntry> entries = new ArrayList<>(items.size());
        List<EntryProblem> problems = new ArrayList<>();
        Map<ArtifactId, ManifestEntry> seen = HashMap.newHashMap(items.size());
        for (Item item : items) {
            if (item.problem() != null) {
                problems.add(item.problem());
                continue;
            }
            ManifestEntry entry = item.entry();
            ManifestEntry first = seen.putIfAbsent(entry.id(), entry);
            if (first == null) {
                entries.add(entry);
            } else {
                problems.add(new EntryProblem(entry.id().toString(), ManifestReader.MANIFEST_FILE + " line " + entry.line()
                        + ": duplicate artifact " + entry.id() + "; the entry at line " + first.line() + " is used"));
            }
        }
        return new Result(entries, problems);
    }

    /** Either the table's id or the problem(s) with its name and type. */
    private record Identity(ArtifactId id, EntryProblem problem) {
    }

    private static Identity identity(Map<String, Object> table, int index, String where) {
        Object name = table.get("name");
        Object type = table.get("type");
        List<String> wrong = new ArrayList<>(2);
        if (name == null) {
            wrong.add("artifact has no name");
        } else if (!(name instanceof String)) {
            wrong.add("artifact name must be a string, not " + EntryFields.kind(name));
        } else {
            try {
                ArtifactNames.validate((String) name);
            } catch (IllegalArgumentException e) {
                wrong.add(e.getMessage());
            }
        }
        ArtifactType artifactType = null;
        if (type == null) {
            wrong.add("artifact has no type");
        } else if (!(type instanceof String)) {
            wrong.add("artifact type must be a string, not " + EntryFields.kind(type));
        } else {
            try {
                artifactType = ArtifactType.fromWire((String) type);
            } catch (IllegalArgumentException e) {
                wrong.add(e.getMessage());
            }
        }
        if (wrong.isEmpty()) {
            return new Identity(new ArtifactId(artifactType, (String) name), null);
        }
        String label = name instanceof String n && type instanceof String t ? t + ":" + n : "artifacts[" + index + "]";
        return new Identity(null, new EntryProblem(label, where + String.join("; ", wrong)));
    }

    private static ManifestEntry entry(Map<String, Object> table, ArtifactId id, int line, LockFile.Entry lock) {
        EntryFields fields = EntryFields.of(table, line);
        String upstream = fields.text("upstream");
        String resolvedSha = fields.text("resolved_sha");
        String resolvedVersion = fields.text("resolved_version");
        if (lock != null) {
            upstream = upstream != null ? upstream : lock.upstream();
            resolvedSha = resolvedSha != null ? resolvedSha : lock.resolvedSha();
            resolvedVersion = resolvedVersion != null ? resolvedVersion : lock.resolvedVersion();
        }
        fields.required("added", id.toString());
        return new ManifestEntry(id, line,
                fields.text("path"),
                fields.text("origin"),
                fields.text("origin_source"),
                upstream,
                fields.text("version_spec"),
                resolvedSha,
                resolvedVersion,
                fields.timestamp("added"),
                fields.tags("tags"),
                metadata(fields.metadata()),
                fields.warnings());
    }

    private static MetadataValues metadata(EntryFields metadata) {
        if (metadata.isEmpty()) {
            return MetadataValues.EMPTY;
        }
        return new MetadataValues(
                metadata.text("title"),
                metadata.text("description"),
                metadata.text("author"),
                metadata.text("license"),
                metadata.text("version"),
                metadata.tags("tags"),
                metadata.tools("tools"));
    }
}
