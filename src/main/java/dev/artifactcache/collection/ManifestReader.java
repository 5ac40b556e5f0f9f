package dev.artifactcache.collection;

import dev.artifactcache.collection.TomlSections.Header;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    private static final String ARTIFACTS = "artifacts";

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
     * @throws ManifestException when collection.toml is missing, unreadable, too large, not UTF-8 or not valid TOML
     */
    public static Manifest read(Path collectionFolder) throws ManifestException {
        FileReads.record();
        Path folder = collectionFolder.toAbsolutePath().normalize();
        Path file = folder.resolve(MANIFEST_FILE);
        ManifestStamp stamp;
        try {
            stamp = ManifestStamp.of(folder);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        String text = readText(file);
        LockFile lock = LockFile.read(folder.resolve(LockFile.FILE_NAME));
        Tables tables = tables(file, text, lock);
        ArtifactTables.Result result = ArtifactTables.collect(tables.artifacts());
        String collection = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        return new Manifest(collection, folder, stamp, result.entries(), result.problems(), CollectionHeader.of(tables.rest()));
    }

    /** The {@code [[artifacts]]} tables read, and the rest of the document. */
    private record Tables(List<ArtifactTables.Item> artifacts, Map<String, Object> rest) {
    }

    private static Tables tables(Path file, String text, LockFile lock) throws ManifestException {
        try {
            ChunkedToml.Parsed<ArtifactTables.Item> parsed = ChunkedToml.parse(text, ONE_ARTIFACT_PER_GROUP,
                    (group, index, line) -> ArtifactTables.read(((List<?>) group.get(ARTIFACTS)).getFirst(), index, line, lock));
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
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            checkUtf8(file, bytes); // the fast decode replaces bad bytes with U+FFFD: tell those from a real U+FFFD
        }
        return withoutBom(text);
    }

    private static void checkUtf8(Path file, byte[] bytes) throws ManifestException {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new ManifestException(file, file + ": not valid UTF-8 text", e);
        }
    }

    private static ManifestException unreadable(Path file, IOException e) {
        String reason = e instanceof NoSuchFileException ? "file not found" : "cannot be read (" + e + ")";
        return new ManifestException(file, file + ": " + reason, e);
    }

    /** Editors on Windows start UTF-8 files with a byte order mark, which tomlj rejects. */
    static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
