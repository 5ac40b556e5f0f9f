package dev.artifactcache.index;

import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CompiledAutomaton;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled prefix and typo automata, cached by term, for the highlighter (searching finds the same
 * terms without them: {@link SegmentTerms}, {@link Typo}): the next page of the same text reuses
 * them. Bounded by memory, least recently used first out.
 */
final class Automata {

    /** Prefix length that must match exactly in a typo match: a wrong first letter is rare, and it halves the cost. */
    static final int TYPO_PREFIX = 1;
    private static final long MAX_BYTES = 16L << 20;

    private static final Map<String, CompiledAutomaton> CACHE = new LinkedHashMap<>(64, 0.75f, true);
    private static long bytes;

    private Automata() {
    }

    /** Terms within {@code edits} edits (transpositions count as one) of {@code term}. */
    static CompiledAutomaton typos(String term, int edits) {
        return cached("~" + edits + ":" + term, () -> FuzzyQuery.getFuzzyAutomaton(term, edits, TYPO_PREFIX, true));
    }

    /** Terms starting with {@code prefix}. */
    static CompiledAutomaton prefix(String prefix) {
        return cached("*:" + prefix, () -> new CompiledAutomaton(PrefixQuery.toAutomaton(new BytesRef(prefix)), false, true, true));
    }

    private interface Compiler {
        CompiledAutomaton compile();
    }

    private static CompiledAutomaton cached(String key, Compiler compiler) {
        synchronized (CACHE) {
            CompiledAutomaton hit = CACHE.get(key);
            if (hit != null) {
                return hit;
            }
        }
        CompiledAutomaton compiled = compiler.compile(); // outside the lock: compiling can take a millisecond
        synchronized (CACHE) {
            if (CACHE.put(key, compiled) == null) {
                bytes += compiled.ramBytesUsed();
            }
            Iterator<CompiledAutomaton> eldest = CACHE.values().iterator();
            while (bytes > MAX_BYTES && eldest.hasNext()) {
                bytes -= eldest.next().ramBytesUsed();
                eldest.remove();
            }
        }
        return compiled;
    }
}
