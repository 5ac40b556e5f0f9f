package dev.artifactcache.index;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Builds the full-text part of a search from user text: a pure function, and no input can make it
 * fail. The only syntax is {@link QueryText}'s: a quoted phrase must be in one field of the document,
 * its words exactly (no typo, no prefix), adjacent and in order; a {@code -word} leaves out the
 * documents with the word in any field.
 *
 * <p>Each analysed term must match somewhere (with more than three terms, a quarter may be
 * missing). A term matches a field exactly, as a typo (one edit for words of 4-7 letters, two from
 * 8), or, for the last term only, as a prefix (search as you type). Every way of matching has a
 * constant weight: the field's weight, halved for a prefix, quartered for a typo; a term scores the
 * best of its ways and a document the sum over terms, plus a bonus when the whole text is the name.
 * Constant weights make a document's score depend only on the document and the text, never on the
 * rest of the corpus, so relevance-sorted cursors stay valid while documents come and go. All
 * weights are multiples of 1/4, so the sums are exact in floating point.
 */
final class TextQuery {

    static final int MAX_TERMS = 12;
    static final int MAX_CHARS = 256;
    static final float EXACT_NAME_BONUS = 32f;
    /** A quoted phrase found counts as a description match would. */
    static final float PHRASE_WEIGHT = 4f;
    /** Builds a phrase from the query analysis (a single word gives a term query). */
    private static final QueryBuilder PHRASES = new QueryBuilder(TextAnalysis.QUERY);

    /** The searched fields with their weights: a name match outranks a description match. */
    enum Weighted {
        NAME(ArtifactFields.NAME, 16f, 2),
        TITLE(ArtifactFields.TITLE, 12f, 2),
        TAGS(ArtifactFields.TAGS_TEXT, 8f, 2),
        TOOLS(ArtifactFields.TOOLS_TEXT, 6f, 2),
        DESCRIPTION(ArtifactFields.DESCRIPTION, 4f, 3);

        final String field;
        final float weight;
        /** Shorter prefixes expand to too many terms to be worth it in this field. */
        final int minPrefix;

        Weighted(String field, float weight, int minPrefix) {
            this.field = field;
            this.weight = weight;
            this.minPrefix = minPrefix;
        }
    }

    private TextQuery() {
    }

    /**
     * A text of words only, each required (at most three terms; no phrase, no exclusion): a
     * document matches every term, and scores the sum of each term's best way plus
     * {@link #EXACT_NAME_BONUS} when its name is the whole text, as the text's query scores it.
     *
     * @param terms     one per analysed term, the last one also matched as a prefix
     * @param exactName the name a document has for the bonus
     */
    record Words(List<TermWaysQuery> terms, Term exactName) {
    }

    /**
     * A text's Lucene query and, when it is words only, the same as {@link Words}.
     *
     * @param query null when the text holds no searchable term (e.g. {@code "*"})
     * @param words null unless the text is words only, each required
     */
    record Text(Query query, Words words) {
        static final Text NONE = new Text(null, null);
    }

    /** {@code text} parsed once: its query, and its words when it is words only. */
    static Text of(String text) {
        if (text == null) {
            return Text.NONE;
        }
        QueryText parsed = QueryText.parse(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
        List<String> terms = TextAnalysis.queryTerms(parsed.words(), MAX_TERMS);
        List<String> phrases = parsed.phrases().stream().filter(p -> !TextAnalysis.queryTerms(p, MAX_TERMS).isEmpty()).toList();
        List<String> excluded = parsed.excluded().stream().flatMap(w -> TextAnalysis.queryTerms(w, MAX_TERMS).stream()).toList();
        if (terms.isEmpty() && phrases.isEmpty() && excluded.isEmpty()) {
            return Text.NONE;
        }
        List<TermWaysQuery> perTerm = termQueries(terms);
        Term exactName = new Term(ArtifactFields.NAME_EXACT, parsed.words().toLowerCase(Locale.ROOT));
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        if (!terms.isEmpty()) {
            addTerms(query, perTerm);
            query.add(weighted(new TermQuery(exactName), EXACT_NAME_BONUS), Occur.SHOULD);
        }
        phrases.stream().distinct().forEach(phrase -> query.add(
                weighted(inAnyField(field -> PHRASES.createPhraseQuery(field, phrase)), PHRASE_WEIGHT), Occur.MUST));
        excluded.forEach(word -> query.add(inAnyField(field -> new TermQuery(new Term(field, word))), Occur.MUST_NOT));
        if (terms.isEmpty() && phrases.isEmpty()) {
            query.add(new MatchAllDocsQuery(), Occur.MUST); // only exclusions: everything else
        }
        boolean wordsOnly = !terms.isEmpty() && requiredTerms(terms.size()) == terms.size() && phrases.isEmpty() && excluded.isEmpty();
        return new Text(query.build(), wordsOnly ? new Words(perTerm, exactName) : null);
    }

    private static void addTerms(BooleanQuery.Builder query, List<TermWaysQuery> perTerm) {
        int required = requiredTerms(perTerm.size());
        if (required == perTerm.size()) {
            perTerm.forEach(q -> query.add(q, Occur.MUST));
        } else {
            BooleanQuery.Builder some = new BooleanQuery.Builder().setMinimumNumberShouldMatch(required);
            perTerm.forEach(q -> some.add(q, Occur.SHOULD));
            query.add(some.build(), Occur.MUST);
        }
    }

    /** One query per term, the last one also matched as a prefix. */
    private static List<TermWaysQuery> termQueries(List<String> terms) {
        List<TermWaysQuery> perTerm = new ArrayList<>(terms.size());
        for (int i = 0; i < terms.size(); i++) {
            perTerm.add(termQuery(terms.get(i), i == terms.size() - 1));
        }
        return perTerm;
    }

    /** Matches where {@code perField} matches in any searched field. */
    private static Query inAnyField(Function<String, Query> perField) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Weighted w : Weighted.values()) {
            any.add(perField.apply(w.field), Occur.SHOULD);
        }
        return any.build();
    }

    /** Up to three terms must all match; beyond that a quarter may be missing. */
    static int requiredTerms(int count) {
        return count - count / 4;
    }

    /** Edits tolerated in a term: none below 4 characters or without a letter, 1 up to 7, then 2. */
    static int maxEdits(String term) {
        int length = term.codePointCount(0, term.length());
        if (length < 4 || term.chars().noneMatch(Character::isLetter)) {
            return 0;
        }
        return length < 8 ? 1 : 2;
    }

    /** One analysed term's ways of matching; {@code last}: the text's last term, also matched as a prefix. */
    static TermWaysQuery termQuery(String term, boolean last) {
        List<TermWaysQuery.Way> ways = new ArrayList<>();
        int edits = maxEdits(term);
        int length = term.codePointCount(0, term.length());
        Typo typo = edits > 0 ? Typo.of(term, edits) : null;
        for (Weighted w : Weighted.values()) {
            ways.add(TermWaysQuery.Way.exact(w.field, term, w.weight));
            if (last && length >= w.minPrefix) {
                ways.add(TermWaysQuery.Way.prefix(w.field, term, w.weight / 2));
            }
            if (typo != null) {
                ways.add(TermWaysQuery.Way.typo(w.field, typo, w.weight / 4));
            }
        }
        return new TermWaysQuery(ways);
    }

    private static Query weighted(Query query, float weight) {
        return new BoostQuery(new ConstantScoreQuery(query), weight);
    }
}
