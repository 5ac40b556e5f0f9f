package dev.artifactcache.collection;

import dev.artifactcache.collection.TomlSections.Header;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a collection's {@code collection.toml} and merges in its {@code collection.lock}. */
public final class ManifestReader {

    static final String MANIFEST_FILE = "collection.toml";

    /** Far above any real manifest (100,000 artifacts are about 45 MB), low enough to never exhaust the heap. */
    static final long MAX_MANIFEST_BYTES = 256L * 1024 * 1024;

    /** Reads of a manifest that keeps changing under the reader before it is reported as broken. */
    static final int MAX_READS = 5;

    private static final String ARTIFACTS = "artifacts";
    private static final String COLLECTION = "collection";

    private static final ChunkedToml.Grouping ONE_ARTIFACT_PER_GROUP = new ChunkedToml.Grouping() {
        @Override
        public boolean starts(Header header) {
            return header.arrayOfTables() && header.key().equals(List.of(ARTIFACTS));
        }

        @Override
        public boolean continues(Header group, Header header) {
            return header.key().size() > 1 && header.key().getFirst().equals(ARTIFACTS); // [artifacts.metadata] ...
        }
    };

    private ManifestReader() {
    }

    /**
     * Parses {@code collection.toml} (and {@code collection.lock} when present and readable) in
     * {@code collectionFolder}; the collection's name is the folder's name. Invalid artifact
     * tables become {@link Manifest#problems()}, never an exception.
     *
     * @throws ManifestException when collection.toml is missing, unreadable, too large, not UTF-8, not valid TOML,
     *                           has no {@code [collection]} table, or keeps changing while it is read
     */
    public static Manifest read(Path collectionFolder) throws ManifestException {
        FileReads.record();
        Path folder = collectionFolder.toAbsolutePath().normalize();
        Path file = folder.resolve(MANIFEST_FILE);
        for (int attempt = 1; ; attempt++) {
            ManifestStamp stamp = stamp(folder, file);
            String text = readText(file);
            LockFile lock = LockFile.read(folder.resolve(LockFile.FILE_NAME));
            if (stamp.equals(stamp(folder, file))) {
                Tables tables = tables(file, text, lock);
                ArtifactTables.Result result = ArtifactTables.collect(tables.artifacts());
                String collection = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
                return new Manifest(collection, folder, stamp, result.entries(), result.problems(),
                        CollectionHeader.of(tables.rest()));
            }
            // A writer is at work (truncate, then write): what was read may be half a file.
            if (attempt == MAX_READS) {
                throw new ManifestException(file, file + ": changed while being read, " + MAX_READS
                        + " times in a row; it is read again at its next change");
            }
        }
    }

    private static ManifestStamp stamp(Path folder, Path file) throws ManifestException {
        try {
            return ManifestStamp.of(folder);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The {@code [[artifacts]]} tables read, and the rest of the document. */
    private record Tables(List<ArtifactTables.Item> artifacts, Map<String, Object> rest) {
    }

    private static Tables tables(Path file, String text, LockFile lock) throws ManifestException {
        try {
            ChunkedToml.Parsed<ArtifactTables.Item> parsed = ChunkedToml.parse(text, ONE_ARTIFACT_PER_GROUP,
                    (group, index, line) -> ArtifactTables.read(((List<?>) group.get(ARTIFACTS)).getFirst(), index, line, lock));
            if (!(parsed.rest().get(COLLECTION) instanceof Map)) {
                // formats.md: an empty file is what a non-atomic writer leaves for a moment, never "no artifacts".
                throw new ManifestException(file, file + ": has no [collection] table, so it is not a SkillMeat manifest"
                        + " (empty or half-written?); the cache is kept as it was");
            }
            if (!parsed.rest().containsKey(ARTIFACTS)) {
                return new Tables(parsed.groups(), parsed.rest());
            }
            // "artifacts = []" or an inline array, or sub-tables out of place: rare, small files.
            TomlTable whole = ChunkedToml.parseWhole(text);
            return new Tables(fromWholeDocument(whole, lock), PlainToml.of(whole));
        } catch (ChunkedToml.SyntaxError e) {
            throw new ManifestException(file, file + ": invalid TOML at line " + e.line + ", column " + e.column + ": " + e.getMessage(), e);
        }
    }

    private static List<ArtifactTables.Item> fromWholeDocument(TomlTable document, LockFile lock) {
        Object value = document.get(List.of(ARTIFACTS));
        if (!(value instanceof TomlArray array)) {
            return List.of(ArtifactTables.read(PlainToml.value(value), 0, document.inputPositionOf(List.of(ARTIFACTS)).line(), lock));
        }
        List<ArtifactTables.Item> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            items.add(ArtifactTables.read(PlainToml.value(array.get(i)), i, array.inputPositionOf(i).line(), lock));
        }
        return items;
    }

    private static String readText(Path file) throws ManifestException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_MANIFEST_BYTES + 1));
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new ManifestException(file, file + ": larger than " + MAX_MANIFEST_BYTES + " bytes; not read");
        }
        Utf8Text.Decoded decoded = Utf8Text.decode(bytes);
        if (decoded.problem() != null) {
            throw new ManifestException(file, file + ": " + decoded.problem());
        }
        return withoutBom(decoded.text());
    }

    private static ManifestException unreadable(Path file, IOException e) {
        String reason = e instanceof NoSuchFileException ? "file not found" : "cannot be read (" + IoReasons.of(e) + ")";
        return new ManifestException(file, file + ": " + reason, e);
    }

    /** Editors on Windows start UTF-8 files with a byte order mark, which tomlj rejects. */
    static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
