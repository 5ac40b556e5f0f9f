package dev.artifactcache.index;

import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CursorCodecTest {

    private static final Object[] NAME_VALUES = {new BytesRef("pdf-tools"), new BytesRef("default/skill:pdf-tools")};

    @Test
    void roundTripsEveryKindOfSortValue() {
        FieldDoc name = CursorCodec.decode(CursorCodec.encode(SortOrder.NAME, 7, NAME_VALUES), SortOrder.NAME, 7);
        assertArrayEquals(NAME_VALUES, name.fields);
        assertEquals(Integer.MAX_VALUE, name.doc, "the cursor's own item counts as seen");

        Object[] updated = {-123_456_789_000L, new BytesRef("k")};
        assertArrayEquals(updated, CursorCodec.decode(CursorCodec.encode(SortOrder.UPDATED_DESC, 1, updated), SortOrder.UPDATED_DESC, 1).fields);

        Object[] relevance = {20.25f, new BytesRef("naïve ✓"), new BytesRef("c/agent:x")};
        assertArrayEquals(relevance, CursorCodec.decode(CursorCodec.encode(SortOrder.RELEVANCE, -5, relevance), SortOrder.RELEVANCE, -5).fields);
    }

    @Test
    void isUrlSafeBase64WithoutPadding() {
        String cursor = CursorCodec.encode(SortOrder.NAME, 7, NAME_VALUES);
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
    }

    @Test
    void rejectsACursorOfAnotherSortOrRequest() {
        String cursor = CursorCodec.encode(SortOrder.NAME, 7, NAME_VALUES);
        InvalidCursorException sort = assertThrows(InvalidCursorException.class, () -> CursorCodec.decode(cursor, SortOrder.NAME_DESC, 7));
        assertEquals("the cursor in \"after\" was made for sort \"name\", not \"-name\"; request the first page again without \"after\"",
                sort.getMessage());
        InvalidCursorException request = assertThrows(InvalidCursorException.class, () -> CursorCodec.decode(cursor, SortOrder.NAME, 8));
        assertTrue(request.getMessage().contains("different search text or filters"));
    }

    @Test
    void rejectsEveryAlteredByte() {
        byte[] bytes = Base64.getUrlDecoder().decode(CursorCodec.encode(SortOrder.NAME, 7, NAME_VALUES));
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 0x10;
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThrows(InvalidCursorException.class, () -> CursorCodec.decode(cursor, SortOrder.NAME, 7), "byte " + i);
        }
    }

    @Test
    void rejectsTruncatedAndExtendedCursors() {
        String cursor = CursorCodec.encode(SortOrder.NAME, 7, NAME_VALUES);
        assertThrows(InvalidCursorException.class, () -> CursorCodec.decode(cursor.substring(0, cursor.length() - 3), SortOrder.NAME, 7));
        assertThrows(InvalidCursorException.class, () -> CursorCodec.decode(cursor + "AAAA", SortOrder.NAME, 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "====", "not a cursor", "AAAAAAAAAAAAAAAAAAAA", "/+/+/+/+", "\u0000"})
    void rejectsGarbage(String garbage) {
        InvalidCursorException e = assertThrows(InvalidCursorException.class, () -> CursorCodec.decode(garbage, SortOrder.NAME, 7));
        assertTrue(e.getMessage().endsWith("request the first page again without \"after\""), e.getMessage());
    }

    @Test
    void rejectsOverlongInputBeforeDecodingIt() {
        assertThrows(InvalidCursorException.class, () -> CursorCodec.decode("A".repeat(CursorCodec.MAX_LENGTH + 1), SortOrder.NAME, 7));
    }

    @Test
    void fingerprintCoversTextFiltersAndSortButNotPaging() {
        SearchRequest base = SearchRequest.builder().q("pdf").tags(MatchMode.ALL, "a", "b").build();
        int print = CursorCodec.fingerprint(base);
        assertEquals(print, CursorCodec.fingerprint(SearchRequest.builder().q("pdf").tags(MatchMode.ALL, "b", "a").limit(50)
                .facets(true).highlight(true).after("x").build()));
        assertNotEquals(print, CursorCodec.fingerprint(SearchRequest.builder().q("pdfs").tags(MatchMode.ALL, "a", "b").build()));
        assertNotEquals(print, CursorCodec.fingerprint(SearchRequest.builder().q("pdf").tags(MatchMode.ANY, "a", "b").build()));
        assertNotEquals(print, CursorCodec.fingerprint(SearchRequest.builder().q("pdf").tags(MatchMode.ALL, "a", "b")
                .sort(SortOrder.NAME).build()));
        assertEquals(print, CursorCodec.fingerprint(SearchRequest.builder().q("pdf").tags(MatchMode.ALL, "a", "b")
                .sort(SortOrder.RELEVANCE).build()), "the default sort is the sort");
    }
}
