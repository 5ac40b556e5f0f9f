package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestReaderTest {

    @TempDir
    Path temp;

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void readsEveryFieldOfAnEntryAndItsMetadataTable() {
        Manifest manifest = new TestCollection(temp, "work").manifest("""
                [collection]
                name = "work"
                version = "1.0.0"
                created = "2026-01-15T10:30:00.123456"

                [[artifacts]]
                name = "pdf-tools"
                type = "skill"
                path = "skills/pdf-tools"
                origin = "marketplace"
                origin_source = "github"
                added = "2026-01-15T10:30:00.123456"
                upstream = "https://github.com/acme/skills/tree/%s/pdf-tools"
                version_spec = "v1.2.0"
                resolved_sha = "%s"
                resolved_version = "v1.2.0"
                tags = ["pdf", " documents ", "", "pdf"]

                [artifacts.metadata]
                title = "PDF Tools"
                description = "  Extract text from PDFs  "
                author = "Acme"
                license = "MIT"
                version = 2
                tools = ["read", "Bash(git:*)"]
                tags = "extract, ocr"
                """.formatted(SHA, SHA)).read();

        assertEquals("work", manifest.collection());
        assertEquals(List.of(), manifest.problems());
        assertEquals(List.of(new ManifestEntry(ArtifactId.parse("skill:pdf-tools"), 6, "skills/pdf-tools", "marketplace", "github",
                "https://github.com/acme/skills/tree/" + SHA + "/pdf-tools", "v1.2.0", SHA, "v1.2.0",
                Instant.parse("2026-01-15T10:30:00.123456Z"), List.of("pdf", "documents"),
                new MetadataValues("PDF Tools", "Extract text from PDFs", "Acme", "MIT", "2", List.of("extract", "ocr"), List.of("Read", "Bash")), List.of())),
                manifest.entries());
        assertEquals(6, manifest.entries().getFirst().line());
    }

    @Test
    void naiveTimestampsAreUtcAndAnUnquotedTomlDateTimeIsAcceptedToo() {
        Manifest manifest = new TestCollection(temp).manifest(
                TestCollection.artifact("skill", "quoted", "skills/quoted", "")
                        + "[[artifacts]]\nname = \"unquoted\"\ntype = \"skill\"\npath = \"skills/unquoted\"\norigin = \"local\"\nadded = 2026-02-01T08:00:00.5\n"
                        + "[[artifacts]]\nname = \"spaced\"\ntype = \"skill\"\npath = \"s\"\norigin = \"local\"\nadded = \"2026-02-01 08:00:00\"\n"
                        + "[[artifacts]]\nname = \"zoned\"\ntype = \"skill\"\npath = \"s\"\norigin = \"local\"\nadded = \"2026-02-01T08:00:00+02:00\"\n").read();

        assertEquals(List.of(Instant.parse("2026-01-15T10:30:00.123456Z"), Instant.parse("2026-02-01T08:00:00.5Z"),
                        Instant.parse("2026-02-01T08:00:00Z"), Instant.parse("2026-02-01T06:00:00Z")),
                manifest.entries().stream().map(ManifestEntry::added).toList());
    }

    @Test
    void anUnparseableOrMissingAddedIsNullNotAProblem() {
        Manifest manifest = new TestCollection(temp).manifest("""
                [[artifacts]]
                name = "a"
                type = "hook"
                origin = "local"
                added = "last tuesday"
                [[artifacts]]
                name = "b"
                type = "hook"
                origin = "local"
                """).read();

        assertEquals(List.of(), manifest.problems());
        assertNull(manifest.entries().get(0).added());
        assertNull(manifest.entries().get(1).added());
    }

    @Test
    void theManifestWinsAndTheLockFillsWhatItLacks() {
        Manifest manifest = new TestCollection(temp).manifest(
                TestCollection.artifact("skill", "pinned", "skills/pinned", "resolved_sha = \"aaaa\"\nresolved_version = \"v2\"\nupstream = \"https://github.com/o/r/tree/aaaa/pinned\"")
                        + TestCollection.artifact("skill", "bare", "skills/bare", ""))
                .lock("""
                        [lock]
                        version = "1.0.0"

                        [lock.entries."pinned::skill"]
                        content_hash = "%s"
                        fetched = "2026-01-02T09:05:00"
                        upstream = "https://github.com/o/r/tree/bbbb/pinned"
                        resolved_sha = "bbbb"
                        resolved_version = "v1"

                        [lock.entries."bare::skill"]
                        content_hash = "%s"
                        fetched = "2026-01-02T09:05:00"
                        upstream = "https://github.com/o/r/tree/cccc/bare"
                        resolved_sha = "cccc"
                        resolved_version = "v3"

                        [lock.entries."bare::command"]
                        content_hash = "%s"
                        fetched = "2026-01-02T09:05:00"
                        resolved_sha = "dddd"
                        """.formatted("0".repeat(64), "1".repeat(64), "2".repeat(64)))
                .read();

        ManifestEntry pinned = manifest.entries().get(0);
        ManifestEntry bare = manifest.entries().get(1);
        assertEquals(List.of("https://github.com/o/r/tree/aaaa/pinned", "aaaa", "v2"), List.of(pinned.upstream(), pinned.resolvedSha(), pinned.resolvedVersion()));
        assertEquals(List.of("https://github.com/o/r/tree/cccc/bare", "cccc", "v3"), List.of(bare.upstream(), bare.resolvedSha(), bare.resolvedVersion()));
    }

    @Test
    void aMissingLockFileIsNotAnError() throws Exception {
        TestCollection collection = new TestCollection(temp).manifest(TestCollection.artifact("skill", "a", "skills/a", ""));

        Manifest manifest = collection.read();

        assertEquals(1, manifest.entries().size());
        assertNull(manifest.entries().getFirst().resolvedSha());
        assertEquals(-1, manifest.stamp().lockSize());
        assertEquals(-1, manifest.stamp().lockModifiedNanos());
        assertEquals(Files.size(collection.folder.resolve("collection.toml")), manifest.stamp().manifestSize());
    }

    @Test
    void anInvalidLockFileIsIgnoredLikeAMissingOne() {
        Manifest manifest = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "a", "skills/a", ""))
                .lock("[lock.entries.\"a::skill\"]\nresolved_sha = \"abc\n")
                .read();

        assertEquals(1, manifest.entries().size());
        assertNull(manifest.entries().getFirst().resolvedSha());
    }

    @Test
    void aLockEntryDefinedTwiceMakesTheLockInvalid() throws Exception {
        String entry = "[lock.entries.\"a::skill\"]\nresolved_sha = \"abc\"\n";
        ChunkedToml.SyntaxError error = assertThrows(ChunkedToml.SyntaxError.class, () -> LockFile.parse(entry + entry));
        assertEquals(3, error.line);
        assertEquals("lock entry \"a::skill\" is defined twice", error.getMessage());
        assertEquals(1, LockFile.parse(entry).size());
    }

    @Test
    void unknownKeysAndOtherTopLevelArraysAreIgnored() {
        Manifest manifest = new TestCollection(temp).manifest("""
                schema = "future"
                [collection]
                name = "default"
                flavour = "vanilla"

                [[mcp_servers]]
                name = "github"
                command = "npx"

                [[artifacts]]
                name = "a"
                type = "skill"
                path = "skills/a"
                origin = "local"
                added = "2026-01-15T10:30:00"
                uuid = "0123456789abcdef0123456789abcdef"
                import_id = "imp-1"
                target_platforms = ["claude-code"]
                last_updated = "2026-01-16T10:30:00"
                shiny = true

                [artifacts.metadata]
                dependencies = ["b"]
                colour = "blue"

                [artifacts.metadata.extra]
                nested = { deeper = [1, 2] }

                [[groups]]
                name = "docs"
                members = ["skill:a"]

                [[tag_definitions]]
                name = "pdf"
                """).read();

        assertEquals(List.of(), manifest.problems());
        assertEquals(List.of(ArtifactId.parse("skill:a")), manifest.entries().stream().map(ManifestEntry::id).toList());
        assertEquals(MetadataValues.EMPTY, manifest.entries().getFirst().metadata());
    }

    @Test
    void theCollectionsOwnTablesAreRead() {
        Manifest manifest = new TestCollection(temp).manifest("""
                [collection]
                name = "default"
                created = "2026-01-15T10:30:00.123456"
                updated = "2026-02-01T08:00:00"

                [[groups]]
                name = "Later"
                position = 2
                members = ["skill:a", "agent:b"]

                [[groups]]
                name = "First"
                description = "Start here"
                color = "blue"
                icon = "star"
                position = 0

                [[groups]]
                description = "a group without a name is skipped"

                [[tag_definitions]]
                name = "pdf"
                slug = "pdf"
                color = "#ff0000"
                description = "PDF files"

                [[tag_definitions]]
                name = ["not", "a", "name"]
                """).read();

        assertEquals(new CollectionHeader(Instant.parse("2026-01-15T10:30:00.123456Z"), Instant.parse("2026-02-01T08:00:00Z"),
                List.of(new CollectionHeader.Group("First", "Start here", "blue", "star", 0, List.of()),
                        new CollectionHeader.Group("Later", null, null, null, 2, List.of("skill:a", "agent:b"))),
                List.of(new CollectionHeader.TagDefinition("pdf", "pdf", "#ff0000", "PDF files"))), manifest.header());
    }

    @Test
    void aTomlSyntaxErrorNamesTheFileLineAndColumn() {
        TestCollection collection = new TestCollection(temp).manifest(
                TestCollection.artifact("skill", "a", "skills/a", "")
                        + "[[artifacts]]\nname = \"b\ntype = \"skill\"\n");
        Path file = collection.folder.resolve("collection.toml");

        ManifestException error = assertThrows(ManifestException.class, () -> ManifestReader.read(collection.folder));

        assertEquals(file, error.file());
        assertEquals(file + ": invalid TOML at line 9, column 10: Unexpected end of line, expected \" or a character", error.getMessage());
    }

    @Test
    void aKeyDefinedTwiceNamesBothLinesOfTheFile() {
        TestCollection collection = new TestCollection(temp).manifest(
                TestCollection.artifact("skill", "a", "skills/a", "")
                        + TestCollection.artifact("skill", "b", "skills/b", "origin = \"github\""));
        Path file = collection.folder.resolve("collection.toml");

        ManifestException error = assertThrows(ManifestException.class, () -> ManifestReader.read(collection.folder));

        assertEquals(file + ": invalid TOML at line 14, column 1: origin previously defined at line 12, column 1", error.getMessage());
    }

    @Test
    void aTableDefinedTwiceAroundTheArtifactsIsStillAnError() {
        TestCollection collection = new TestCollection(temp).manifest(
                "[collection]\nname = \"x\"\n\n" + TestCollection.artifact("skill", "a", "skills/a", "") + "\n[collection]\nversion = \"1\"\n");
        Path file = collection.folder.resolve("collection.toml");

        ManifestException error = assertThrows(ManifestException.class, () -> ManifestReader.read(collection.folder));

        assertEquals(file + ": invalid TOML at line 12, column 1: collection previously defined at line 1, column 1", error.getMessage());
    }

    @Test
    void aMissingManifestIsAManifestException() {
        Path folder = temp.resolve("empty");

        ManifestException error = assertThrows(ManifestException.class, () -> ManifestReader.read(folder));

        assertEquals(folder.resolve("collection.toml") + ": file not found", error.getMessage());
    }

    @Test
    void aManifestThatIsNotUtf8IsAManifestException() {
        TestCollection collection = new TestCollection(temp).write("collection.toml", new byte[]{'a', ' ', '=', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '\n'});

        ManifestException error = assertThrows(ManifestException.class, () -> ManifestReader.read(collection.folder));

        assertEquals(collection.folder.resolve("collection.toml") + ": not UTF-8 text at byte 5", error.getMessage());
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndsAreAccepted() {
        Manifest manifest = new TestCollection(temp)
                .manifest("\uFEFF" + TestCollection.artifact("skill", "a", "skills/a", "tags = [\"x\"]").replace("\n", "\r\n"))
                .read();

        assertEquals(List.of("x"), manifest.entries().getFirst().tags());
    }

    @Test
    void duplicateIdsKeepTheFirstAndReportTheOthers() {
        Manifest manifest = new TestCollection(temp).manifest(
                TestCollection.artifact("skill", "pdf-tools", "skills/pdf-tools", "")
                        + TestCollection.artifact("command", "pdf-tools", "commands/pdf-tools.md", "")
                        + TestCollection.artifact("skill", "pdf-tools", "skills/other", "")).read();

        assertEquals(List.of("skills/pdf-tools", "commands/pdf-tools.md"), manifest.entries().stream().map(ManifestEntry::path).toList());
        assertEquals(List.of(new EntryProblem("skill:pdf-tools", "collection.toml line 15: duplicate artifact skill:pdf-tools; the entry at line 1 is used")),
                manifest.problems());
    }

    @Test
    void missingOrUnknownIdentityIsAProblemWithAnIndexLabel() {
        Manifest manifest = new TestCollection(temp).manifest("""
                [[artifacts]]
                type = "skill"
                [[artifacts]]
                name = "x"
                [[artifacts]]
                name = "x"
                type = "plugin"
                [[artifacts]]
                name = 7
                type = "skill"
                [[artifacts]]
                name = "ok"
                type = "mcp"
                origin = "local"
                """).read();

        assertEquals(List.of(
                new EntryProblem("artifacts[0]", "collection.toml line 1: artifact has no name"),
                new EntryProblem("artifacts[1]", "collection.toml line 3: artifact has no type"),
                new EntryProblem("plugin:x", "collection.toml line 5: unknown artifact type \"plugin\"; expected one of skill, command, agent, hook, mcp, workflow, composite"),
                new EntryProblem("artifacts[3]", "collection.toml line 8: artifact name must be a string, not an integer")), manifest.problems());
        assertEquals(List.of(ArtifactId.parse("mcp:ok")), manifest.entries().stream().map(ManifestEntry::id).toList());
    }

    @Test
    void anEmptyArtifactsArrayAndInlineTablesAreRead() {
        assertEquals(List.of(), new TestCollection(temp, "empty").manifest("artifacts = []\n[collection]\nname = \"empty\"\n").read().entries());

        Manifest inline = new TestCollection(temp, "inline").manifest("""
                [collection]
                name = "inline"
                artifacts = "not here"
                """.replace("artifacts = \"not here\"\n", "") + "\n\nartifacts = [\n  { name = \"a\", type = \"hook\", origin = \"local\" },\n  7,\n]\n").read();

        assertEquals(List.of(), inline.entries(), "artifacts below [collection] belong to that table");

        Manifest root = new TestCollection(temp, "root").manifest("artifacts = [\n  { name = \"a\", type = \"hook\", origin = \"local\" },\n  7,\n]\n").read();
        assertEquals(List.of(ArtifactId.parse("hook:a")), root.entries().stream().map(ManifestEntry::id).toList());
        assertEquals(2, root.entries().getFirst().line());
        assertEquals(List.of(new EntryProblem("artifacts[1]", "collection.toml line 3: artifacts[1] is not a table")), root.problems());
    }

    @Test
    void headerLikeLinesInsideStringsAndArraysDoNotSplitTheDocument() {
        Manifest manifest = new TestCollection(temp).manifest("""
                [[artifacts]]
                name = "a"
                type = "hook"
                origin = "local"
                note = \"""
                [[artifacts]]
                name = "fake"
                \"""
                literal = '''
                [[artifacts]]
                '''
                matrix = [
                  [1]
                ]
                # [[artifacts]] in a comment
                [artifacts.metadata]
                description = "has [brackets] and \\"quotes\\" # not a comment"
                [ "artifacts" ]
                """.replace("[ \"artifacts\" ]\n", "") + "[[ artifacts ]]\nname = 'b'\ntype = 'hook'\norigin = 'local'\n").read();

        assertEquals(List.of(), manifest.problems());
        assertEquals(List.of(1, 18), manifest.entries().stream().map(ManifestEntry::line).toList());
        assertEquals("has [brackets] and \"quotes\" # not a comment", manifest.entries().getFirst().metadata().description());
    }

    @Test
    void entriesAreFoundByIdAndKeepManifestOrder() {
        Manifest manifest = new TestCollection(temp).manifest(
                TestCollection.artifact("skill", "b", "skills/b", "") + TestCollection.artifact("skill", "a", "skills/a", "")).read();

        assertEquals(List.of("b", "a"), manifest.entries().stream().map(ManifestEntry::name).toList());
        assertEquals("skills/a", manifest.find(ArtifactId.parse("skill:a")).orElseThrow().path());
        assertTrue(manifest.find(ArtifactId.parse("agent:a")).isEmpty());
    }

    @Test
    void entriesWithTheSameContentAreEqualWhateverTheirLine() {
        String a = TestCollection.artifact("skill", "a", "skills/a", "tags = [\"x\"]");
        ManifestEntry first = new TestCollection(temp, "one").manifest(a).read().entries().getFirst();
        ManifestEntry moved = new TestCollection(temp, "two").manifest("\n\n\n" + a).read().entries().getFirst();
        ManifestEntry changed = new TestCollection(temp, "three").manifest(a.replace("\"x\"", "\"y\"")).read().entries().getFirst();

        assertEquals(1, first.line());
        assertEquals(4, moved.line());
        assertEquals(first, moved);
        assertEquals(first.hashCode(), moved.hashCode());
        assertNotEquals(first, changed);
    }

    @Test
    void theManifestStampChangesWithTheLockFile() throws Exception {
        TestCollection collection = new TestCollection(temp).manifest(TestCollection.artifact("hook", "a", "hooks/a", ""));
        ManifestStamp before = ManifestStamp.of(collection.folder);

        collection.lock("[lock]\nversion = \"1.0.0\"\n");
        ManifestStamp after = ManifestStamp.of(collection.folder);

        assertEquals(before.manifestSize(), after.manifestSize());
        assertEquals(before.manifestModifiedNanos(), after.manifestModifiedNanos());
        assertEquals(25, after.lockSize());
        assertNotEquals(-1, after.lockModifiedNanos());
    }
}
