package dev.artifactcache.index;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code "exact words"} and {@code -word} in the search text, parsed and searched on {@link HandCorpus}. */
class QueryTextTest {

    @TempDir
    Path dir;
    private ArtifactIndex index;

    @BeforeEach
    void open() throws Exception {
        index = ArtifactIndex.open(dir.resolve("lucene"));
        index.apply(HandCorpus.ROWS);
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private List<String> names(String q) {
        return index.search(SearchRequest.builder().q(q).limit(100).sort(SortOrder.fromWire("name")).build())
                .items().stream().map(row -> row.metadata().name()).toList();
    }

    @Test
    void quotesMakeAPhraseAndALeadingDashExcludes() {
        assertEquals(new QueryText("a e-f \"unclosed", List.of("b c"), List.of("d")), QueryText.parse("a \"b c\" -d e-f \"unclosed"));
        assertEquals(new QueryText("- x-y", List.of(), List.of()), QueryText.parse(" - x-y "), "a lone or inner dash is text");
        assertEquals(new QueryText("", List.of("", "q"), List.of("w")), QueryText.parse("\"\" -w \"q\""));
    }

    @Test
    void aWordAfterADashLeavesOutWhatHasIt() {
        assertEquals(List.of("pdf-merger", "pdf-signer", "pdf-tools"), names("pdf"));
        assertEquals(List.of("pdf-signer", "pdf-tools"), names("pdf -merge"));
        assertEquals(List.of("pdf-tools"), names("pdf -merger -sign"));
        assertEquals(27, index.search(SearchRequest.builder().q("-pdf").limit(100).build()).totalCount(), "only exclusions");
    }

    @Test
    void quotedWordsMustMatchExactlyWithoutTyposOrPrefixes() {
        assertEquals(List.of("changelog", "codeReviewer", "github-server"), names("\"pull requests\""));
        assertEquals(List.of(), names("\"pul requests\""), "no prefix");
        assertEquals(List.of("kube-logs", "kubernetes-architect"), names("kubernets"), "a typo outside quotes");
        assertEquals(List.of(), names("\"kubernets\""), "no typo inside quotes");
        assertEquals(List.of("changelog"), names("\"pull requests\" merged"));
        assertEquals(List.of("codeReviewer", "github-server"), names("\"pull requests\" -changelog"));
    }

    @Test
    void aQuotedPhraseIsItsWordsAdjacentAndInOrder() {
        assertEquals(List.of(), names("\"requests pull\""), "in order");
        assertEquals(List.of(), names("\"reviews requests\""), "adjacent: \"Reviews pull requests\" has a word between");
        assertEquals(List.of("codeReviewer"), names("\"reviews pull requests for bugs\""));
        assertEquals(List.of("codeReviewer"), names("\"Reviews  PULL request\""), "analysed as the text is: case, spaces, plural");
        assertEquals(List.of("changelog", "codeReviewer", "github-server"), names("requests \"pull\""), "one quoted word: that word exactly");
        assertEquals(List.of("github-server"), names("\"github server\""), "the parts of a joined name");
        assertEquals(List.of(), names("\"server github\""));
    }
}
