package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BodyDescriptionTest {

    @Test
    void takesTheFirstNonBlankLineThatIsNotAHeading() {
        assertEquals("Converts PDFs to text.", BodyDescription.firstLine("\n# PDF tools\n\n## Usage\n   Converts PDFs to text.   \nMore.\n", 0));
    }

    @Test
    void aHashWithoutASpaceIsTextNotAHeading() {
        assertEquals("#hashtag and more", BodyDescription.firstLine("#hashtag and more\n", 0));
        assertEquals("####### seven is not a heading", BodyDescription.firstLine("####### seven is not a heading\n", 0));
    }

    @Test
    void skipsRuleLines() {
        assertEquals("Text", BodyDescription.firstLine("---\n***\n= = =\nText\n", 0));
    }

    @Test
    void startsAtTheBody() {
        assertEquals("Body", BodyDescription.firstLine("---\ntitle: x\n---\nBody\n", 16));
    }

    @Test
    void cutsAt200Characters() {
        String line = "word ".repeat(60);

        assertEquals(line.substring(0, 200).strip(), BodyDescription.firstLine(line, 0));
        assertEquals(199, BodyDescription.firstLine(line, 0).length(), "the cut falls after a space, which is trimmed");
    }

    @Test
    void neverCutsASurrogatePair() {
        String line = "😀".repeat(250);

        assertEquals("😀".repeat(200), BodyDescription.firstLine(line, 0));
    }

    @Test
    void headingsOnlyOrBlankGiveNull() {
        assertNull(BodyDescription.firstLine("# Title\n\n## Sub\n", 0));
        assertNull(BodyDescription.firstLine("", 0));
    }
}
