package dev.artifactcache.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextAnalysisTest {

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }

    @Test
    void identifiersSplitAndKeepTheirJoinedForm() throws IOException {
        assertEquals(List.of("pdftool", "pdf", "tool"), tokens(TextAnalysis.INDEX, "pdf-tools"));
        assertEquals(List.of("codereviewer", "code", "reviewer"), tokens(TextAnalysis.INDEX, "codeReviewer"));
        assertEquals(List.of("mcpgithubcreateissue", "mcp", "github", "create", "issue"),
                tokens(TextAnalysis.INDEX, "mcp__github__create_issue"));
    }

    @Test
    void textIsLowerCasedFoldedAndMinimallyStemmed() throws IOException {
        assertEquals(List.of("extract", "text", "from", "pdf"), tokens(TextAnalysis.INDEX, "Extract text from PDFs."));
        assertEquals(List.of("cafe", "library"), tokens(TextAnalysis.QUERY, "Café libraries"));
    }

    @Test
    void queryTermsOnlySplit() {
        assertEquals(List.of("pdf", "tool"), TextAnalysis.queryTerms("PDF-Tools", 10));
        assertEquals(List.of("code", "reviewer"), TextAnalysis.queryTerms("codeReviewer", 10));
        assertEquals(List.of("foo", "and"), TextAnalysis.queryTerms("foo AND (", 10));
        assertEquals(List.of(), TextAnalysis.queryTerms("* \\ \" ( ) : ~ ^", 10));
        assertEquals(List.of("a", "b"), TextAnalysis.queryTerms("a b a b c", 2), "distinct, bounded");
    }
}
