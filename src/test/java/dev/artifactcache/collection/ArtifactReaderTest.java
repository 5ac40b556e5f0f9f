package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactReaderTest {

    @TempDir
    Path temp;

    private static final String SKILL_MD = """
            ---
            name: pdf-tools
            title: PDF Tools
            description: Extract text and tables from PDF files
            author: Jane Doe
            license: Apache-2.0
            version: 1.10
            tags: [pdf, extraction]
            allowed-tools: Read Grep Bash(python:*)
            model: sonnet
            ---
            # PDF Tools

            Use this skill for PDFs.
            """;

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSkillIsReadFromSkillMdInItsFolder() throws Exception {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "pdf-tools", "skills/pdf-tools", """
                        upstream = "https://github.com/acme/skills/tree/abc/pdf-tools"
                        version_spec = "latest"
                        resolved_sha = "abc"
                        resolved_version = "v1.2.0"
                        tags = ["documents"]"""))
                .write("skills/pdf-tools/SKILL.md", SKILL_MD);

        ArtifactMetadata metadata = collection.artifact("skill:pdf-tools");

        assertEquals(new ArtifactMetadata("default", ArtifactId.parse("skill:pdf-tools"), "PDF Tools",
                "https://github.com/acme/skills/tree/abc/pdf-tools", "local", null, "latest", "abc", "v1.2.0", "1.10",
                "Extract text and tables from PDF files", "Jane Doe", "Apache-2.0", List.of("documents", "pdf", "extraction"),
                List.of("Read", "Grep", "Bash"), sha256(SKILL_MD), null, false, Instant.parse("2026-01-15T10:30:00.123456Z")), metadata);
    }

    @Test
    void aLowerCaseSkillMdIsAcceptedToo() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "lower", "skills/lower", ""))
                .write("skills/lower/skill.md", "---\ndescription: lower case file\n---\n");

        assertEquals("lower case file", collection.artifact("skill:lower").description());
    }

    @Test
    void aCommandIsReadFromItsFileOrFromAnOlderFolder() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("command", "commit", "commands/commit.md", "")
                        + TestCollection.artifact("command", "old", "commands/old", "")
                        + TestCollection.artifact("command", "older", "commands/older", ""))
                .write("commands/commit.md", "---\ndescription: Write a commit message\n---\n")
                .write("commands/old/command.md", "---\ndescription: from command.md\n---\n")
                .write("commands/old/another.md", "---\ndescription: not this one\n---\n")
                .write("commands/older/zeta.md", "---\ndescription: not zeta\n---\n")
                .write("commands/older/beta.md", "---\ndescription: the first .md by name\n---\n")
                .write("commands/older/alpha.txt", "not markdown");

        assertEquals("Write a commit message", collection.artifact("command:commit").description());
        assertEquals("from command.md", collection.artifact("command:old").description());
        assertEquals("the first .md by name", collection.artifact("command:older").description());
    }

    @Test
    void anAgentIsReadFromItsFileOrFromAnOlderFolder() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("agent", "reviewer", "agents/reviewer.md", "")
                        + TestCollection.artifact("agent", "upper", "agents/upper", "")
                        + TestCollection.artifact("agent", "lower", "agents/lower", "")
                        + TestCollection.artifact("agent", "any", "agents/any", ""))
                .write("agents/reviewer.md", "---\ndescription: Reviews code\n---\n")
                .write("agents/upper/AGENT.md", "---\ndescription: from AGENT.md\n---\n")
                .write("agents/upper/README.md", "---\ndescription: not the readme\n---\n")
                .write("agents/lower/agent.md", "---\ndescription: from agent.md\n---\n")
                .write("agents/any/helper.md", "---\ndescription: from helper.md\n---\n");

        assertEquals("Reviews code", collection.artifact("agent:reviewer").description());
        assertEquals("from AGENT.md", collection.artifact("agent:upper").description());
        assertEquals("from agent.md", collection.artifact("agent:lower").description());
        assertEquals("from helper.md", collection.artifact("agent:any").description());
    }

    @Test
    void fileLessTypesUseTheManifestOnlyAndHashTheEntry() {
        TestCollection collection = new TestCollection(temp).manifest(
                TestCollection.artifact("hook", "pre-commit", "hooks/does-not-exist", "tags = [\"git\"]\n[artifacts.metadata]\ndescription = \"Runs the linters\"\ntools = [\"bash\"]")
                        + TestCollection.artifact("mcp", "github", "mcps/github", "")
                        + TestCollection.artifact("workflow", "release", "workflows/release", "")
                        + TestCollection.artifact("composite", "bundle", "composites/bundle", ""));
        Manifest manifest = collection.read();

        for (ManifestEntry entry : manifest.entries()) {
            ArtifactMetadata metadata = ArtifactReader.read(manifest, entry);
            assertFalse(metadata.failed(), entry.id().toString());
            assertNull(metadata.syncError(), entry.id().toString());
            assertEquals(ContentHash.of(entry), metadata.contentHash());
            assertEquals(64, metadata.contentHash().length());
        }
        ArtifactMetadata hook = ArtifactReader.read(manifest, manifest.entries().getFirst());
        assertEquals("Runs the linters", hook.description());
        assertEquals(List.of("git"), hook.tags());
        assertEquals(List.of("Bash"), hook.tools());
    }

    @Test
    void theHashOfAFileLessArtifactChangesWithItsEntryButNotWithItsLine() {
        String hook = TestCollection.artifact("hook", "h", "hooks/h", "tags = [\"a\"]");
        String first = ContentHash.of(new TestCollection(temp, "one").manifest(hook).read().entries().getFirst());
        String moved = ContentHash.of(new TestCollection(temp, "two").manifest("\n\n" + hook).read().entries().getFirst());
        String changed = ContentHash.of(new TestCollection(temp, "three").manifest(hook.replace("\"a\"", "\"b\"")).read().entries().getFirst());

        assertEquals(first, moved);
        assertNotEquals(first, changed);
    }

    @Test
    void theFrontmatterWinsOverTheManifestMetadataForEachField() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "s", "skills/s", """
                        [artifacts.metadata]
                        title = "Manifest title"
                        description = "Manifest description"
                        author = "Manifest author"
                        license = "MIT"
                        version = "0.1.0"
                        tools = ["Write"]"""))
                .write("skills/s/SKILL.md", "---\ntitle: File title\ndescription: File description\nauthor: File author\nlicense: GPL-3.0\nversion: 2\ntools: Read\n---\n");

        ArtifactMetadata metadata = collection.artifact("skill:s");

        assertEquals(List.of("File title", "File description", "File author", "GPL-3.0", "2"),
                List.of(metadata.title(), metadata.description(), metadata.author(), metadata.license(), metadata.version()));
        assertEquals(List.of("Read"), metadata.tools());
    }

    @Test
    void theManifestMetadataFillsWhatTheFrontmatterLeavesBlank() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "s", "skills/s", """
                        [artifacts.metadata]
                        title = "Manifest title"
                        description = "Manifest description"
                        author = "Manifest author"
                        license = "MIT"
                        version = "0.1.0"
                        tools = ["write", "web-search"]"""))
                .write("skills/s/SKILL.md", "---\ntitle: \"  \"\ndescription:\nauthor: ''\ntools: []\n---\nBody line is not used\n");

        ArtifactMetadata metadata = collection.artifact("skill:s");

        assertEquals(List.of("Manifest title", "Manifest description", "Manifest author", "MIT", "0.1.0"),
                List.of(metadata.title(), metadata.description(), metadata.author(), metadata.license(), metadata.version()));
        assertEquals(List.of("Write", "WebSearch"), metadata.tools());
    }

    @Test
    void withoutAnyDescriptionTheFirstBodyLineIsUsed() {
        String longLine = "This command ".repeat(20);
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("command", "plain", "commands/plain.md", "")
                        + TestCollection.artifact("command", "long", "commands/long.md", "")
                        + TestCollection.artifact("command", "empty", "commands/empty.md", ""))
                .write("commands/plain.md", "\n# Plain\n\n## Usage\nFormats the current file.\nSecond line.\n")
                .write("commands/long.md", "---\nallowed-tools: Read\n---\n# Long\n" + longLine + "\n")
                .write("commands/empty.md", "# Only a heading\n");

        assertEquals("Formats the current file.", collection.artifact("command:plain").description());
        assertEquals(longLine.substring(0, 200).strip(), collection.artifact("command:long").description());
        assertNull(collection.artifact("command:empty").description());
    }

    @Test
    void tagsAreTheUnionOfManifestMetadataAndFrontmatterInThatOrder() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "s", "skills/s", "tags = [\"pdf\", \"docs\"]\n[artifacts.metadata]\ntags = [\"ocr\", \"pdf\"]"))
                .write("skills/s/SKILL.md", "---\ntags: docs, extraction, ocr, tables\n---\n");

        assertEquals(List.of("pdf", "docs", "ocr", "extraction", "tables"), collection.artifact("skill:s").tags());
    }

    @Test
    void toolListsAreNormalisedInEveryForm() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("agent", "list", "agents/list.md", "")
                        + TestCollection.artifact("agent", "commas", "agents/commas.md", "")
                        + TestCollection.artifact("agent", "spaces", "agents/spaces.md", "")
                        + TestCollection.artifact("agent", "camel", "agents/camel.md", ""))
                .write("agents/list.md", "---\ntools:\n  - read\n  - Bash(git:*)\n  - mcp__github__create_issue\n---\n")
                .write("agents/commas.md", "---\ntools: Read, Grep, Glob, read\n---\n")
                .write("agents/spaces.md", "---\nallowed-tools: Read Grep Bash(git:*)\n---\n")
                .write("agents/camel.md", "---\nallowedTools: [web-fetch, TODO_WRITE]\n---\n");

        assertEquals(List.of("Read", "Bash", "mcp__github__create_issue"), collection.artifact("agent:list").tools());
        assertEquals(List.of("Read", "Grep", "Glob"), collection.artifact("agent:commas").tools());
        assertEquals(List.of("Read", "Grep", "Bash"), collection.artifact("agent:spaces").tools());
        assertEquals(List.of("WebFetch", "TodoWrite"), collection.artifact("agent:camel").tools());
    }

    @Test
    void invalidYamlIsReadLineByLineWithAWarningAndNoError() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "pdf-tools", "skills/pdf-tools", ""))
                .write("skills/pdf-tools/SKILL.md", "---\nname: pdf-tools\ndescription: Use this skill when: the user asks about PDFs\ntags: pdf\n---\n");

        ArtifactMetadata metadata = collection.artifact("skill:pdf-tools");

        assertFalse(metadata.failed());
        assertEquals(List.of("skills/pdf-tools/SKILL.md: frontmatter is not valid YAML (line 3, column 33); read line by line"),
                metadata.syncWarnings());
        assertNull(metadata.syncError());
        assertEquals("Use this skill when: the user asks about PDFs", metadata.description());
        assertEquals(List.of("pdf"), metadata.tags());
    }

    /**
     * Choice: a bad origin is a warning on the row, not an {@link EntryProblem}. The identity is
     * valid and the file readable, so the artifact stays listed and searchable; origin becomes
     * null and sync_warnings says which line to fix.
     */
    @Test
    void anInvalidOriginIsAWarningAndTheArtifactIsStillRead() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "s", "skills/s", "").replace("origin = \"local\"", "origin = \"ftp\"")
                        + TestCollection.artifact("hook", "h", "hooks/h", "").replace("origin = \"local\"\n", "")
                        + TestCollection.artifact("mcp", "m", "mcps/m", "origin_source = \"gitlab\"")
                        + TestCollection.artifact("mcp", "n", "mcps/n", "origin_source = \"sourcehut\"").replace("origin = \"local\"", "origin = \"marketplace\"")
                        + TestCollection.artifact("mcp", "o", "mcps/o", "origin_source = \"gitlab\"").replace("origin = \"local\"", "origin = \"marketplace\""))
                .write("skills/s/SKILL.md", "---\ndescription: d: x\n---\n");
        Manifest manifest = collection.read();

        List<ArtifactMetadata> read = manifest.entries().stream().map(e -> ArtifactReader.read(manifest, e)).toList();

        assertEquals(List.of(), manifest.problems());
        assertEquals(List.of(false, false, false, false, false), read.stream().map(ArtifactMetadata::failed).toList());
        assertEquals(java.util.Arrays.asList(null, null, "local", "marketplace", "marketplace"), read.stream().map(ArtifactMetadata::origin).toList());
        assertEquals(java.util.Arrays.asList(null, null, null, null, "gitlab"), read.stream().map(ArtifactMetadata::originSource).toList());
        assertEquals(List.of(
                List.of("skills/s/SKILL.md: frontmatter is not valid YAML (line 2, column 15); read line by line",
                        "collection.toml line 1: origin \"ftp\" is not one of local, github, marketplace"),
                List.of("collection.toml line 8: hook:h has no origin; expected local, github or marketplace"),
                List.of("collection.toml line 14: origin_source is only used with origin marketplace, not local; ignored"),
                List.of("collection.toml line 21: origin_source \"sourcehut\" is not one of github, gitlab, bitbucket"),
                List.of()), read.stream().map(ArtifactMetadata::syncWarnings).toList());
        assertEquals(Collections.nCopies(5, null), read.stream().map(ArtifactMetadata::syncError).toList());
        assertEquals("d: x", read.getFirst().description());
    }

    @Test
    void aMissingFileFailsWithTheManifestValuesKept() {
        TestCollection collection = new TestCollection(temp).manifest(TestCollection.artifact("skill", "gone", "skills/gone", """
                upstream = "https://github.com/o/r/tree/abc/gone"
                tags = ["pdf"]
                [artifacts.metadata]
                description = "From the manifest"
                tools = ["Read"]
                tags = ["docs"]"""));

        ArtifactMetadata metadata = collection.artifact("skill:gone");

        assertEquals(new ArtifactMetadata("default", ArtifactId.parse("skill:gone"), null, "https://github.com/o/r/tree/abc/gone", "local",
                null, null, null, null, null, "From the manifest", null, null, List.of("pdf", "docs"), List.of("Read"), null,
                "skills/gone: not found (collection.toml line 1)", true, Instant.parse("2026-01-15T10:30:00.123456Z")), metadata);
    }

    @Test
    void aFolderWithoutItsMetadataFileFails() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "s", "skills/s", "") + TestCollection.artifact("command", "c", "commands/c", ""))
                .write("skills/s/README.md", "# not a skill file\n")
                .write("commands/c/notes.txt", "text");

        assertEquals("skills/s: the folder has no SKILL.md or skill.md", collection.artifact("skill:s").syncError());
        assertEquals("commands/c: the folder has no command.md or other .md file", collection.artifact("command:c").syncError());
    }

    @Test
    void aMissingPathFails() {
        TestCollection collection = new TestCollection(temp).manifest(TestCollection.artifact("skill", "s", "x", "").replace("path = \"x\"\n", ""));

        ArtifactMetadata metadata = collection.artifact("skill:s");

        assertTrue(metadata.failed());
        assertEquals("collection.toml line 1: skill:s has no path", metadata.syncError());
    }

    @Test
    void aPathWithDotDotIsRefusedWithoutReadingTheFile() {
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "s", "skills/../../outside", "")
                        + TestCollection.artifact("command", "c", "commands\\\\..\\\\..\\\\outside.md", ""));
        new TestCollection(temp, "outside").write("SKILL.md", "---\ndescription: secret\n---\n");

        ArtifactMetadata skill = collection.artifact("skill:s");
        ArtifactMetadata command = collection.artifact("command:c");

        assertTrue(skill.failed());
        assertNull(skill.description());
        assertEquals("skills/../../outside: the path contains \"..\"; only files inside the collection folder are read (collection.toml line 1)", skill.syncError());
        assertEquals("commands\\..\\..\\outside.md: the path contains \"..\"; only files inside the collection folder are read (collection.toml line 8)", command.syncError());
    }

    @Test
    void anAbsolutePathIsRefused() {
        Path secret = new TestCollection(temp, "elsewhere").write("agent.md", "---\ndescription: secret\n---\n").folder.resolve("agent.md");
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("agent", "a", secret.toString(), "") + TestCollection.artifact("agent", "w", "C:\\\\agents\\\\w.md", ""));

        assertEquals(secret + ": the path is absolute; only files inside the collection folder are read (collection.toml line 1)",
                collection.artifact("agent:a").syncError());
        assertEquals("C:\\agents\\w.md: the path is absolute; only files inside the collection folder are read (collection.toml line 8)",
                collection.artifact("agent:w").syncError());
    }

    @Test
    void symbolicLinksThatLeadOutsideAreRefusedAndLinksInsideAreFine() throws Exception {
        TestCollection outside = new TestCollection(temp, "outside").write("evil/SKILL.md", "---\ndescription: secret\n---\n");
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "folder-link", "skills/folder-link", "")
                        + TestCollection.artifact("skill", "file-link", "skills/file-link", "")
                        + TestCollection.artifact("skill", "inside", "skills/inside", ""))
                .write("skills/real/SKILL.md", "---\ndescription: real\n---\n");
        Files.createSymbolicLink(collection.folder.resolve("skills/folder-link"), outside.folder.resolve("evil"));
        Files.createDirectories(collection.folder.resolve("skills/file-link"));
        Files.createSymbolicLink(collection.folder.resolve("skills/file-link/SKILL.md"), outside.folder.resolve("evil/SKILL.md"));
        Files.createSymbolicLink(collection.folder.resolve("skills/inside"), collection.folder.resolve("skills/real"));

        ArtifactMetadata folderLink = collection.artifact("skill:folder-link");
        ArtifactMetadata fileLink = collection.artifact("skill:file-link");

        assertTrue(folderLink.failed());
        assertNull(folderLink.description());
        assertEquals("skills/folder-link: a symbolic link leads outside the collection folder; not read", folderLink.syncError());
        assertEquals("skills/file-link/SKILL.md: a symbolic link leads outside the collection folder; not read", fileLink.syncError());
        assertEquals("real", collection.artifact("skill:inside").description());
    }

    @Test
    void aSymbolicLinkAnywhereInThePathIsFollowedAndMustStayInside() throws Exception {
        TestCollection outside = new TestCollection(temp, "outside").write("kit/evil/SKILL.md", "---\ndescription: secret\n---\n");
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "in", "linked/in", "")
                        + TestCollection.artifact("skill", "evil", "away/evil", "")
                        + TestCollection.artifact("skill", "under-file", "skills/plain.md/x", "")
                        + TestCollection.artifact("command", "through", "linked/in/../../commands/c.md", ""))
                .write("skills/in/SKILL.md", "---\ndescription: through a linked parent\n---\n")
                .write("skills/plain.md", "not a folder")
                .write("commands/c.md", "---\ndescription: plain command\n---\n");
        Files.createSymbolicLink(collection.folder.resolve("linked"), collection.folder.resolve("skills"));
        Files.createSymbolicLink(collection.folder.resolve("away"), outside.folder.resolve("kit"));

        ArtifactMetadata in = collection.artifact("skill:in");

        assertFalse(in.failed());
        assertEquals("through a linked parent", in.description());
        assertEquals("away/evil: a symbolic link leads outside the collection folder; not read", collection.artifact("skill:evil").syncError());
        assertEquals("skills/plain.md/x: cannot be read (Not a directory)", collection.artifact("skill:under-file").syncError());
        assertEquals("linked/in/../../commands/c.md: the path contains \"..\"; only files inside the collection folder are read (collection.toml line 22)",
                collection.artifact("command:through").syncError());
    }

    @Test
    void aCollectionReachedThroughASymbolicLinkStillReadsItsOwnFiles() throws Exception {
        TestCollection real = new TestCollection(temp, "real")
                .manifest(TestCollection.artifact("skill", "s", "skills/s", ""))
                .write("skills/s/SKILL.md", "---\ndescription: through the link\n---\n");
        Path link = Files.createSymbolicLink(temp.resolve("linked"), real.folder);

        Manifest manifest = ManifestReader.read(link);

        assertEquals("linked", manifest.collection());
        assertEquals("through the link", ArtifactReader.read(manifest, manifest.entries().getFirst()).description());
    }

    @Test
    void eachReadFindsTheCollectionFolderWhereItIsThen() throws Exception {
        new TestCollection(temp, "first").manifest(TestCollection.artifact("skill", "s", "skills/s", ""))
                .write("skills/s/SKILL.md", "---\ndescription: first place\n---\n");
        TestCollection second = new TestCollection(temp, "second").manifest(TestCollection.artifact("skill", "s", "skills/s", ""))
                .write("skills/s/SKILL.md", "---\ndescription: second place\n---\n");
        Path link = Files.createSymbolicLink(temp.resolve("linked"), temp.resolve("first"));
        Manifest manifest = ManifestReader.read(link);
        ManifestEntry entry = manifest.entries().getFirst();

        assertEquals("first place", ArtifactReader.read(manifest, entry).description());
        Files.delete(link);
        Files.createSymbolicLink(link, second.folder);
        assertEquals("second place", ArtifactReader.read(manifest, entry).description());
        Files.delete(link);
        assertEquals("the collection folder " + link + ": not found", ArtifactReader.read(manifest, entry).syncError());
    }

    @Test
    void aPathToSomethingOtherThanAFileFailsInsteadOfBlocking() throws Exception {
        TestCollection collection = new TestCollection(temp).manifest(TestCollection.artifact("command", "pipe", "commands/pipe.md", ""));
        Files.createDirectories(collection.folder.resolve("commands"));
        Process mkfifo = new ProcessBuilder("mkfifo", collection.folder.resolve("commands/pipe.md").toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());

        ArtifactMetadata metadata = collection.artifact("command:pipe");

        assertTrue(metadata.failed());
        assertEquals("commands/pipe.md: not a regular file; not read", metadata.syncError());
    }

    @Test
    void aFileOver4MibFailsNamingTheFileAndItsSize() throws Exception {
        TestCollection collection = new TestCollection(temp).manifest(TestCollection.artifact("skill", "big", "skills/big", ""));
        Path file = collection.folder.resolve("skills/big/SKILL.md");
        Files.createDirectories(file.getParent());
        try (var out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(10L * 1024 * 1024); // sparse: 10 MB on paper, nothing written
        }

        ArtifactMetadata metadata = collection.artifact("skill:big");

        assertTrue(metadata.failed());
        assertEquals("skills/big/SKILL.md: the file is 10485760 bytes; at most 4194304 (4 MiB) are read", metadata.syncError());
    }

    @Test
    void aYamlAliasBombFailsTheArtifact() {
        StringBuilder bomb = new StringBuilder("---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(8)).append('*').append((char) (c - 1)).append("]\n");
        }
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("skill", "bomb", "skills/bomb", "[artifacts.metadata]\ndescription = \"kept\""))
                .write("skills/bomb/SKILL.md", bomb + "---\n");

        ArtifactMetadata metadata = collection.artifact("skill:bomb");

        assertTrue(metadata.failed());
        assertEquals("kept", metadata.description());
        assertEquals("skills/bomb/SKILL.md: the frontmatter exceeds a YAML safety limit (Number of aliases for non-scalar nodes exceeds the specified max=50); not read",
                metadata.syncError());
    }

    @Test
    void theContentHashIsTheSha256OfTheFileBytes() throws Exception {
        String text = "\uFEFF---\r\ndescription: with BOM and CRLF\r\n---\r\n";
        TestCollection collection = new TestCollection(temp)
                .manifest(TestCollection.artifact("command", "c", "commands/c.md", ""))
                .write("commands/c.md", text);

        ArtifactMetadata metadata = collection.artifact("command:c");

        assertEquals(sha256(text), metadata.contentHash());
        assertEquals("with BOM and CRLF", metadata.description());
    }
}
