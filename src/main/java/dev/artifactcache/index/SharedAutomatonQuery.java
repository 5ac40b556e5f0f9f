package dev.artifactcache.index;

import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.automaton.CompiledAutomaton;

import java.io.IOException;
import java.util.Objects;

/**
 * Matches the terms of one field accepted by an automaton compiled once and shared by every field
 * and every search that needs it. Lucene's own fuzzy and prefix queries compile their automaton
 * per query object (a two-edit automaton costs about a millisecond); a search asks for the same
 * automaton in five fields and again in each facet pass.
 */
final class SharedAutomatonQuery extends MultiTermQuery {

    private final String text;
    private final String kind;
    private final CompiledAutomaton automaton;

    /**
     * @param kind what the automaton accepts, for {@code toString} and equality: {@code "*"} for a
     *             prefix, {@code "~1"} or {@code "~2"} for typos
     */
    SharedAutomatonQuery(String field, String text, String kind, CompiledAutomaton automaton) {
        super(field, CONSTANT_SCORE_BLENDED_REWRITE);
        this.text = text;
        this.kind = kind;
        this.automaton = automaton;
    }

    @Override
    protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
        return automaton.getTermsEnum(terms);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        automaton.visit(visitor, this, field); // how the highlighter finds the words this query matched
    }

    @Override
    public String toString(String defaultField) {
        return field + ":" + text + kind;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SharedAutomatonQuery that && field.equals(that.field) && text.equals(that.text)
                && kind.equals(that.kind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, text, kind);
    }
}
