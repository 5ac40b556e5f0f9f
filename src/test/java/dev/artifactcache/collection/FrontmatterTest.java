package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrontmatterTest {

    private static final String LABEL = "skills/pdf-tools/SKILL.md";

    private static Frontmatter parse(String text) throws MetadataFileException {
        return Frontmatter.parse(text, LABEL);
    }

    private static String body(String text, Frontmatter frontmatter) {
        return text.substring(frontmatter.bodyStart());
    }

    @Test
    void readsAMappingBetweenFenceLines() throws Exception {
        String text = "---\nname: pdf-tools\ndescription: Extract text\ntags: [pdf, docs]\n---\n# PDF tools\n";

        Frontmatter frontmatter = parse(text);

        assertEquals(Map.of("name", "pdf-tools", "description", "Extract text", "tags", List.of("pdf", "docs")), frontmatter.values());
        assertEquals("# PDF tools\n", body(text, frontmatter));
        assertEquals(List.of(), frontmatter.warnings());
    }

    @Test
    void crlfLineEndsAreAccepted() throws Exception {
        String text = "---\r\nname: pdf-tools\r\ntags:\r\n  - pdf\r\n---\r\nBody\r\n";

        Frontmatter frontmatter = parse(text);

        assertEquals(Map.of("name", "pdf-tools", "tags", List.of("pdf")), frontmatter.values());
        assertEquals("Body\r\n", body(text, frontmatter));
    }

    @Test
    void aByteOrderMarkAndLeadingBlankLinesAreSkipped() throws Exception {
        String text = "\uFEFF\n  \n\t\n---\ntitle: PDF\n---\nBody";

        Frontmatter frontmatter = parse(text);

        assertEquals(Map.of("title", "PDF"), frontmatter.values());
        assertEquals("Body", body(text, frontmatter));
    }

    @Test
    void fenceLinesMayHaveTrailingBlanks() throws Exception {
        assertEquals(Map.of("title", "PDF"), parse("---  \ntitle: PDF\n--- \t\nBody").values());
    }

    @Test
    void aFileWithoutABlockHasNoFrontmatterAndItsBodyIsTheWholeFile() throws Exception {
        for (String text : List.of("# Title\nname: x\n", "text\n---\nname: x\n---\n", " ---\nname: x\n---\n", "---\nname: never closed\n", "")) {
            Frontmatter frontmatter = parse(text);
            assertEquals(Map.of(), frontmatter.values(), text);
            assertEquals(0, frontmatter.bodyStart(), text);
            assertEquals(List.of(), frontmatter.warnings(), text);
        }
    }

    @Test
    void aBlockThatIsNotAMappingGivesNoValuesAndTheBodyStartsAfterIt() throws Exception {
        for (String block : List.of("- a\n- b\n", "just a sentence\n", "", "~\n")) {
            String text = "---\n" + block + "---\nBody";
            Frontmatter frontmatter = parse(text);
            assertEquals(Map.of(), frontmatter.values(), block);
            assertEquals("Body", body(text, frontmatter), block);
            assertEquals(List.of(), frontmatter.warnings(), block);
        }
    }

    @Test
    void everyScalarStaysTheTextItWasWrittenAs() throws Exception {
        Frontmatter frontmatter = parse("""
                ---
                version: 1.10
                count: 007
                flag: yes
                date: 2024-01-01
                empty:
                tilde: ~
                word: null
                quoted: "null"
                nested: {a: 1}
                list: [1, null, [x], "two"]
                ---
                """);

        Map<String, Object> expected = new java.util.HashMap<>();
        expected.put("version", "1.10");
        expected.put("count", "007");
        expected.put("flag", "yes");
        expected.put("date", "2024-01-01");
        expected.put("empty", null);
        expected.put("tilde", null);
        expected.put("word", null);
        expected.put("quoted", "null");
        expected.put("nested", null);
        expected.put("list", List.of("1", "two"));
        assertEquals(expected, frontmatter.values());
    }

    @Test
    void valuesAreTrimmedAndBlankMeansAbsent() throws Exception {
        Frontmatter frontmatter = parse("---\ntitle: \"  PDF Tools  \"\nauthor: \"   \"\nlicense: ''\n---\n");

        assertEquals(new MetadataValues("PDF Tools", null, null, null, null, List.of(), List.of()), frontmatter.metadata());
    }

    @Test
    void customTagsAreNeverHonoured() throws Exception {
        Frontmatter local = parse("---\ntitle: !shell rm -rf /\n---\n");
        assertEquals(Map.of("title", "rm -rf /"), local.values());
        assertEquals(List.of(), local.warnings());

        // Global tags (a Python object, a Java class) are refused by the YAML reader; the block is read line by line.
        Frontmatter global = parse("---\ntitle: !!python/object/apply:os.system ['ls']\nauthor: me\n---\n");
        assertEquals(List.of(LABEL + ": frontmatter is not valid YAML (line 2, column 8); read line by line"), global.warnings());
        assertEquals("me", global.values().get("author"));
    }

    @Test
    void invalidYamlIsReadLineByLineWithAWarningNamingLineAndColumn() throws Exception {
        String text = """
                ---
                name: pdf-tools
                description: Use this skill when: the user asks about PDFs
                tags:
                  - pdf
                  - "docs"
                  -
                allowed-tools: "Read Grep"
                version: '1.0'
                empty:
                  continuation line
                ---
                Body
                """;

        Frontmatter frontmatter = parse(text);

        assertEquals(List.of(LABEL + ": frontmatter is not valid YAML (line 3, column 33); read line by line"), frontmatter.warnings());
        Map<String, Object> expected = new java.util.HashMap<>();
        expected.put("name", "pdf-tools");
        expected.put("description", "Use this skill when: the user asks about PDFs");
        expected.put("tags", List.of("pdf", "docs", ""));
        expected.put("allowed-tools", "Read Grep");
        expected.put("version", "1.0");
        expected.put("empty", null);
        assertEquals(expected, frontmatter.values());
        assertEquals("Body\n", body(text, frontmatter));
        assertEquals(new MetadataValues(null, "Use this skill when: the user asks about PDFs", null, null, "1.0",
                List.of("pdf", "docs"), List.of("Read", "Grep")), frontmatter.metadata());
    }

    @Test
    void theWarningCountsLinesFromTheTopOfTheFile() throws Exception {
        Frontmatter frontmatter = parse("\uFEFF\n\n---\ndescription: a: b\n---\n");

        assertEquals(List.of(LABEL + ": frontmatter is not valid YAML (line 4, column 15); read line by line"), frontmatter.warnings());
        assertEquals(Map.of("description", "a: b"), frontmatter.values());
    }

    @Test
    void aLineByLineReadTurnsAFlowListStringIntoItems() throws Exception {
        Frontmatter frontmatter = parse("---\ndescription: x: y\ntags: [pdf, 'docs']\ntools: [Read, \"Bash(git:*)\"]\n---\n");

        assertEquals(List.of("pdf", "docs"), frontmatter.metadata().tags());
        assertEquals(List.of("Read", "Bash"), frontmatter.metadata().tools());
    }

    /**
     * Choice: a YAML alias bomb is a failed artifact, not a line-by-line read. Aliases are
     * bounded like sizes (formats.md: "bounded aliases, bounded size ... larger is a per-artifact
     * error"), and guessing values out of an attack would only put garbage in the cache.
     * Nothing is expanded either way: the block is composed into nodes and only top-level
     * scalars are read.
     */
    @Test
    void aYamlAliasBombIsRefused() {
        StringBuilder bomb = new StringBuilder("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int k = 0; k < 9; k++) {
                bomb.append(k > 0 ? "," : "").append('*').append((char) (c - 1));
            }
            bomb.append("]\n");
        }
        bomb.append("---\n");

        MetadataFileException error = assertThrows(MetadataFileException.class, () -> parse(bomb.toString()));

        assertEquals(LABEL + ": the frontmatter exceeds a YAML safety limit (Number of aliases for non-scalar nodes exceeds the specified max=50); not read",
                error.getMessage());
    }

    @Test
    void aFewAliasesAreFineAndAreNotExpanded() throws Exception {
        Frontmatter frontmatter = parse("---\nbase: &tags [pdf, docs]\ntags: *tags\nextra: {deep: *tags}\n---\n");

        assertEquals(List.of("pdf", "docs"), frontmatter.metadata().tags());
    }

    @Test
    void deepNestingIsRefused() {
        String text = "---\nx: " + "[".repeat(100) + "]".repeat(100) + "\n---\n";

        MetadataFileException error = assertThrows(MetadataFileException.class, () -> parse(text));

        assertEquals(LABEL + ": the frontmatter exceeds a YAML safety limit (Nesting Depth exceeded max 20); not read", error.getMessage());
    }

    @Test
    void aBlockOver256KibIsRefusedNamingTheFileAndSize() {
        String text = "---\ndescription: " + "é".repeat(140_000) + "\n---\nBody";

        MetadataFileException error = assertThrows(MetadataFileException.class, () -> parse(text));

        assertEquals(LABEL + ": the frontmatter block is 280014 bytes; at most 262144 (256 KiB) are read", error.getMessage());
    }

    @Test
    void aBlockJustUnder256KibIsRead() throws Exception {
        String description = "x".repeat(262_144 - "description: \n".length());

        assertEquals(description, parse("---\ndescription: " + description + "\n---\n").text("description"));
    }

    @Test
    void toolsComeFromTheFirstNonEmptyOfToolsAllowedToolsAllowedTools() throws Exception {
        assertEquals(List.of("Read"), parse("---\ntools: Read\nallowed-tools: Write\nallowedTools: Edit\n---\n").metadata().tools());
        assertEquals(List.of("Write"), parse("---\ntools: \"  \"\nallowed-tools: Write\nallowedTools: Edit\n---\n").metadata().tools());
        assertEquals(List.of("Edit"), parse("---\ntools: []\nallowedTools: [edit]\n---\n").metadata().tools());
        assertEquals(List.of(), parse("---\ntitle: x\n---\n").metadata().tools());
    }
}
