package dev.artifactcache.index;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query built from user text: a pure function, checked without an index. */
class TextQueryTest {

    @Test
    void oneShortWordIsExactOrPrefixInEveryFieldWithNameFirst() {
        assertEquals("+best(name:pdf^16.0 | title:pdf^12.0 | name:pdf*^8.0 | tags_text:pdf^8.0 | title:pdf*^6.0 | "
                + "tools_text:pdf^6.0 | tags_text:pdf*^4.0 | description:pdf^4.0 | tools_text:pdf*^3.0 | "
                + "description:pdf*^2.0) (ConstantScore(name_exact:pdf))^32.0", TextQuery.of("PDF").query().toString());
    }

    @Test
    void longerWordsTolerateTyposAndOnlyTheLastIsAPrefix() {
        String query = TextQuery.of("kubernetes archit").query().toString();
        assertTrue(query.contains("name:kubernete~2"), query);
        assertTrue(query.contains("description:kubernete~2"), query);
        assertTrue(!query.contains("kubernete*"), query);
        assertTrue(query.contains("name:archit*"), query);
        assertTrue(query.contains("name:archit~1"), query);
        assertTrue(query.contains("name_exact:kubernetes archit"), query);
    }

    @Test
    void editsGrowWithLength() {
        assertEquals(0, TextQuery.maxEdits("pdf"));
        assertEquals(0, TextQuery.maxEdits("2024"), "numbers must be exact");
        assertEquals(1, TextQuery.maxEdits("kube"));
        assertEquals(1, TextQuery.maxEdits("reviews"));
        assertEquals(2, TextQuery.maxEdits("kubernet"));
    }

    @Test
    void upToThreeTermsAreAllRequiredThenAQuarterMayMiss() {
        assertEquals(1, TextQuery.requiredTerms(1));
        assertEquals(3, TextQuery.requiredTerms(3));
        assertEquals(3, TextQuery.requiredTerms(4));
        assertEquals(6, TextQuery.requiredTerms(8));
        BooleanQuery three = (BooleanQuery) TextQuery.of("one two three").query();
        assertEquals(3, three.clauses().stream().filter(c -> c.occur() == BooleanClause.Occur.MUST).count());
        BooleanQuery five = (BooleanQuery) TextQuery.of("one two three four five").query();
        BooleanQuery some = (BooleanQuery) five.clauses().get(0).query();
        assertEquals(4, some.getMinimumNumberShouldMatch());
        assertEquals(5, some.clauses().size());
    }

    @Test
    void wordsOnlyAreTheRequiredTermsOfTheQueryAndTheWholeTextAsName() {
        TextQuery.Words words = TextQuery.of("PDF Tools").words();
        BooleanQuery query = (BooleanQuery) TextQuery.of("PDF Tools").query();
        assertEquals(query.clauses().stream().filter(c -> c.occur() == BooleanClause.Occur.MUST).map(BooleanClause::query).toList(),
                words.terms());
        assertEquals("name_exact:pdf tools", words.exactName().toString());
        assertEquals(3, TextQuery.of("one two three").words().terms().size());
        assertNull(TextQuery.of("one two three four").words(), "a quarter of four terms may miss");
        assertNull(TextQuery.of("\"pdf tools\"").words(), "a phrase");
        assertNull(TextQuery.of("pdf -tools").words(), "an exclusion");
        assertNull(TextQuery.of("*").words());
        assertNull(TextQuery.of(null).words());
    }

    @Test
    void termsAndTextAreBounded() {
        BooleanQuery many = (BooleanQuery) TextQuery.of("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16").query();
        BooleanQuery some = (BooleanQuery) many.clauses().get(0).query();
        assertEquals(TextQuery.MAX_TERMS, some.clauses().size());
        assertNull(TextQuery.of(" ".repeat(TextQuery.MAX_CHARS) + "pdf").query(), "text past the bound is ignored");
    }

    @Test
    void noSearchableTermsMeansNoTextQuery() {
        assertNull(TextQuery.of(null).query());
        assertNull(TextQuery.of("*").query());
        assertNull(TextQuery.of("\\").query());
        assertNull(TextQuery.of("( ) \" : ~").query());
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo AND (", "\"unclosed", "name:pdf^3", "pdf~", "[a TO b]", "/re.*/", "a && b || !c", "+x -y",
        "\uD800", "😀😀", "%%%", "NOT", "field:", "a\tb\nc", "ÅÄÖ straße"})
    void userTextNeverFails(String text) {
        Query query = TextQuery.of(text).query();
        assertTrue(query == null || query instanceof BooleanQuery);
    }
}
