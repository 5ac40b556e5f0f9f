package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TagListsTest {

    @Test
    void aListDropsBlankItemsAndTrims() {
        assertEquals(List.of("pdf", "docs"), TagLists.of(List.of(" pdf ", "", "  ", "docs")));
    }

    @Test
    void aStringSplitsOnCommasOnly() {
        assertEquals(List.of("pdf", "document tools", "ocr"), TagLists.of("pdf, document tools,,ocr ,"));
    }

    @Test
    void numbersAreTagsButNestedValuesAreNot() {
        assertEquals(List.of("2024", "x"), TagLists.of(List.of(2024L, List.of("nested"), "x")));
    }

    @Test
    void theUnionKeepsTheFirstSeenOrderWithoutDuplicates() {
        assertEquals(List.of("pdf", "docs", "ocr", "extract"),
                TagLists.union(List.of("pdf", "docs"), List.of("ocr", "pdf"), List.of("docs", "extract")));
    }
}
