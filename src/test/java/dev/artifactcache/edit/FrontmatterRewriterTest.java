package dev.artifactcache.edit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The exact text after each kind of edit: only the edited keys' lines change. */
class FrontmatterRewriterTest {

    private static final String SKILL = """
            ---
            name: pdf-tools
            # why: the agents read this
            description: Extract text from PDFs
            allowed-tools: Read Bash(pdftotext:*)
            tags:
              - pdf
              - docs
            x-custom: {keep: me}
            ---
            # PDF tools

            Body text: stays.
            """;

    private static MetadataEdit edit(String title, String description, String author, String license, List<String> tags) {
        return new MetadataEdit(title, description, author, license, tags);
    }

    @Test
    void descriptionIsReplacedInPlace() throws Exception {
        assertEquals(SKILL.replace("description: Extract text from PDFs", "description: \"Extract text: and tables\""),
                FrontmatterRewriter.rewrite(SKILL, edit(null, "Extract text: and tables", null, null, null), "skills/pdf-tools/SKILL.md"));
    }

    @Test
    void missingKeysAreAddedAtTheEndOfTheBlockInAFixedOrder() throws Exception {
        assertEquals(SKILL.replace("x-custom: {keep: me}\n", "x-custom: {keep: me}\ntitle: PDF Tools\nauthor: Acme Inc.\nlicense: MIT\n"),
                FrontmatterRewriter.rewrite(SKILL, edit("PDF Tools", null, "Acme Inc.", "MIT", null), "SKILL.md"));
    }

    @Test
    void tagsOfTheFrontmatterBecomeTheNewListAsOneFlowLine() throws Exception {
        assertEquals(SKILL.replace("tags:\n  - pdf\n  - docs\n", "tags: [pdf, c++, \"true\"]\n"),
                FrontmatterRewriter.rewrite(SKILL, edit(null, null, null, null, List.of("pdf", "c++", "true")), "SKILL.md"));
    }

    @Test
    void tagsAreNotAddedToAFrontmatterWithoutThem() throws Exception {
        String text = "---\ndescription: d\n---\nbody\n";
        assertSame(text, FrontmatterRewriter.rewrite(text, edit(null, null, null, null, List.of("a")), "SKILL.md"));
    }

    @Test
    void crlfAndBomStay() throws Exception {
        String text = "\uFEFF---\r\ndescription: old\r\nmodel: opus\r\n---\r\nbody\r\n";
        assertEquals("\uFEFF---\r\ndescription: new one\r\nmodel: opus\r\nauthor: Ann\r\n---\r\nbody\r\n",
                FrontmatterRewriter.rewrite(text, edit(null, "new one", "Ann", null, null), "agents/a.md"));
    }

    @Test
    void multiLineValuesAreReplacedWholeAndTheBlankLineAfterThemStays() throws Exception {
        String text = "---\ndescription: >\n  folded\n  text\n\nversion: 1.10\n---\n";
        assertEquals("---\ndescription: \"two\\nlines\"\n\nversion: 1.10\n---\n",
                FrontmatterRewriter.rewrite(text, edit(null, "two\nlines", null, null, null), "commands/c.md"));
    }

    @Test
    void aFileWithoutFrontmatterGetsOneAboveItsBody() throws Exception {
        assertEquals("---\ntitle: Review\n---\n# Review\n",
                FrontmatterRewriter.rewrite("# Review\n", edit("Review", null, null, null, null), "commands/review.md"));
    }

    @Test
    void invalidYamlIsNeverRewritten() {
        String text = "---\ndescription: Use when: the user asks\n---\n";
        RefusedException e = assertThrows(RefusedException.class,
                () -> FrontmatterRewriter.rewrite(text, edit("T", null, null, null, null), "skills/x/SKILL.md"));
        assertEquals("file_not_editable", e.code());
        assertEquals("skills/x/SKILL.md: the frontmatter is not valid YAML (line 2, column 22); the cache does not rewrite "
                + "a file it cannot parse. Fix the frontmatter, then edit again", e.getMessage());
        assertNull(e.field());
    }

    @Test
    void aRepeatedKeyIsRefused() {
        String text = "---\ntitle: a\ntitle: b\n---\n";
        RefusedException e = assertThrows(RefusedException.class,
                () -> FrontmatterRewriter.rewrite(text, edit("T", null, null, null, null), "SKILL.md"));
        assertEquals("file_not_editable", e.code());
    }
}
