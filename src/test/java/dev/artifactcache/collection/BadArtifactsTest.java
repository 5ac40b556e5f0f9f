package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #12 section 4: each bad artifact is a per-artifact error (the read failed) or warning
 * (something was ignored) naming the file or field, never dropped or decoded silently.
 */
class BadArtifactsTest {

    @TempDir
    Path temp;

    private TestCollection skill(byte[] skillMd) {
        return new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "a", "skills/a", ""))
                .write("skills/a/SKILL.md", skillMd);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private void assertFailed(String error, ArtifactMetadata metadata) {
        assertTrue(metadata.failed(), String.valueOf(metadata));
        assertEquals(error, metadata.syncError());
        assertNull(metadata.description());
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorNamingTheByte() {
        byte[] latin1 = "---\ndescription: caf\u00e9\n---\n".getBytes(StandardCharsets.ISO_8859_1);
        assertFailed("skills/a/SKILL.md: not UTF-8 text at byte 20", skill(latin1).artifact("skill:a"));
    }

    @Test
    void aPngIsNotUtf8AtItsFirstByte() {
        byte[] png = bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R');
        assertFailed("skills/a/SKILL.md: not UTF-8 text at byte 0", skill(png).artifact("skill:a"));
    }

    @Test
    void utf16IsAnErrorWithOrWithoutAByteOrderMark() {
        byte[] withBom = ("\uFEFF---\ndescription: x\n---\n").getBytes(StandardCharsets.UTF_16LE);
        assertFailed("skills/a/SKILL.md: is UTF-16 text; only UTF-8 is read", skill(withBom).artifact("skill:a"));

        byte[] withoutBom = "---\n".getBytes(StandardCharsets.UTF_16LE);
        assertFailed("skills/a/SKILL.md: contains a NUL byte at byte 1; a binary file is not read",
                skill(withoutBom).artifact("skill:a"));
    }

    @Test
    void aFileOfOnlyAByteOrderMarkIsEmpty() {
        ArtifactMetadata metadata = skill(bytes(0xEF, 0xBB, 0xBF)).artifact("skill:a");

        assertFalse(metadata.failed());
        assertNull(metadata.description());
        assertEquals(List.of(), metadata.syncWarnings());
    }

    @Test
    void aFifoNamedSkillMdIsNotARegularFileAndIsNeverOpened() throws Exception {
        TestCollection collection = new TestCollection(temp).manifest(TestCollection.artifact("skill", "a", "skills/a", ""));
        Files.createDirectories(collection.folder.resolve("skills/a"));
        Process mkfifo = new ProcessBuilder("mkfifo", collection.folder.resolve("skills/a/SKILL.md").toString()).start();
        assertEquals(0, mkfifo.waitFor());

        assertFailed("skills/a/SKILL.md: not a regular file; not read", collection.artifact("skill:a"));
    }

    @Test
    void aSymbolicLinkLoopSaysWhatTheSystemSaysWithoutAJavaClassName() throws Exception {
        TestCollection collection = new TestCollection(temp).manifest(TestCollection.artifact("skill", "a", "skills/a", ""));
        Path folder = Files.createDirectories(collection.folder.resolve("skills/a"));
        Files.createSymbolicLink(folder.resolve("SKILL.md"), folder.resolve("other.md"));
        Files.createSymbolicLink(folder.resolve("other.md"), folder.resolve("SKILL.md"));

        assertFailed("skills/a/SKILL.md: cannot be read (Too many levels of symbolic links or unable to access attributes of symbolic link)", collection.artifact("skill:a"));
    }

    @Test
    void manifestValuesOfTheWrongTypeAreWarningsNamingLineAndField() {
        Manifest manifest = new TestCollection(temp).manifest("""
                [[artifacts]]
                name = "a"
                type = "mcp"
                origin = "local"
                added = 5
                tags = 5
                [[artifacts]]
                name = "b"
                type = "mcp"
                origin = "local"
                added = "yesterday"
                tags = [["a"], {b = 1}, "kept"]
                [artifacts.metadata]
                tools = {a = 1}
                description = ["x"]
                [[artifacts]]
                name = "c"
                type = "mcp"
                origin = "local"
                metadata = "not a table"
                """).read();

        assertEquals(List.of(), manifest.problems());
        List<ArtifactMetadata> read = manifest.entries().stream().map(entry -> ArtifactReader.read(manifest, entry)).toList();
        assertEquals(List.of(
                List.of("collection.toml line 1: added must be a timestamp such as \"2026-01-15T10:30:00\", not an integer; ignored",
                        "collection.toml line 1: tags must be an array of strings, not an integer; ignored"),
                List.of("collection.toml line 7: added \"yesterday\" is not a timestamp such as \"2026-01-15T10:30:00\"; ignored",
                        "collection.toml line 7: tags[0] is an array, not a string; ignored",
                        "collection.toml line 7: tags[1] is a table, not a string; ignored",
                        "collection.toml line 7: metadata.description must be text, not an array; ignored",
                        "collection.toml line 7: metadata.tools must be an array of strings, not a table; ignored"),
                List.of("collection.toml line 16: mcp:c has no added, which formats.md requires",
                        "collection.toml line 16: metadata must be a table ([artifacts.metadata]), not a string; ignored")),
                read.stream().map(ArtifactMetadata::syncWarnings).toList());
        assertEquals(List.of(List.of(), List.of("kept"), List.of()), read.stream().map(ArtifactMetadata::tags).toList());
        assertEquals(List.of(false, false, false), read.stream().map(ArtifactMetadata::failed).toList());
    }

    @Test
    void entriesWithoutAUsableIdentityAreProblemsNeverSkipped() {
        Manifest manifest = new TestCollection(temp).manifest("""
                [[artifacts]]
                type = "mcp"
                [[artifacts]]
                name = "b"
                [[artifacts]]
                name = 5
                type = "mcp"
                [[artifacts]]
                name = "d"
                type = 1
                [[artifacts]]
                name = "   "
                type = "mcp"
                """).read();

        assertEquals(List.of(), manifest.entries());
        assertEquals(List.of(
                new EntryProblem("artifacts[0]", "collection.toml line 1: artifact has no name"),
                new EntryProblem("artifacts[1]", "collection.toml line 3: artifact has no type"),
                new EntryProblem("artifacts[2]", "collection.toml line 5: artifact name must be a string, not an integer"),
                new EntryProblem("artifacts[3]", "collection.toml line 8: artifact type must be a string, not an integer"),
                new EntryProblem("mcp:   ", "collection.toml line 11: artifact name is blank (only spaces)")), manifest.problems());
    }

    @Test
    void frontmatterValuesOfTheWrongTypeAreWarnings() {
        ArtifactMetadata metadata = skill("""
                ---
                description: [a, b]
                tags: {a: 1}
                tools: [Read, [Bash]]
                author: Ann
                ---
                Body line.
                """.getBytes(StandardCharsets.UTF_8)).artifact("skill:a");

        assertFalse(metadata.failed());
        assertEquals(List.of("skills/a/SKILL.md: frontmatter description must be text, not a list; ignored",
                "skills/a/SKILL.md: frontmatter tags must be a list or text, not a mapping; ignored",
                "skills/a/SKILL.md: frontmatter tools[1] is a list, not text; ignored"), metadata.syncWarnings());
        assertEquals("Body line.", metadata.description());
        assertEquals("Ann", metadata.author());
        assertEquals(List.of("Read"), metadata.tools());
    }

    @Test
    void aManifestWithoutACollectionTableIsBrokenNotEmpty() throws Exception {
        TestCollection collection = new TestCollection(temp);
        Path file = collection.folder.resolve("collection.toml");
        String expected = file + ": has no [collection] table, so it is not a SkillMeat manifest (empty or half-written?);"
                + " the cache is kept as it was";
        for (String text : List.of("", "\n", "[[artifacts]]\nname = \"a\"\ntype = \"mcp\"\n", "collection = 5\n")) {
            Files.writeString(file, text);
            ManifestException error = assertThrows(ManifestException.class, () -> ManifestReader.read(collection.folder), text);
            assertEquals(expected, error.getMessage(), text);
        }
    }
}
