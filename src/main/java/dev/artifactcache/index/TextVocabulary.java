package dev.artifactcache.index;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.IOConsumer;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every term of one segment's searched text fields, once, in term order, each with the fields it
 * is in. A prefix or typo is matched against it once, instead of intersecting its automaton with
 * each field's terms dictionary (five walks of the dictionary's blocks per way of matching): the
 * automaton's fixed start (the prefix, or a typo's first letter) is a range of the sorted terms, and
 * the automaton runs over the terms of that range only. Read once per segment and kept while the
 * segment lives: segments never change, and a write adds a small one.
 */
final class TextVocabulary {

    /** The fields read, in {@link TextQuery.Weighted} order; a term's field bits follow it. */
    static final List<String> FIELDS = Arrays.stream(TextQuery.Weighted.values()).map(w -> w.field).toList();

    /** By segment core: deletions leave the terms dictionary (and so the vocabulary) as it is. */
    private static final Map<IndexReader.CacheKey, TextVocabulary> SEGMENTS = new ConcurrentHashMap<>();

    /** The terms' bytes back to back, in term order; term {@code i} is {@code bytes[starts[i], starts[i + 1])}. */
    private final byte[] bytes;
    private final int[] starts;
    /** Bit {@code f} of {@code fields[i]}: term {@code i} is in {@code FIELDS.get(f)}. */
    private final byte[] fields;
    private final int size;

    private TextVocabulary(byte[] bytes, int[] starts, byte[] fields, int size) {
        this.bytes = bytes;
        this.starts = starts;
        this.fields = fields;
        this.size = size;
    }

    /** The vocabulary of {@code segment}, read on first use and kept until the segment closes. */
    static TextVocabulary of(LeafReader segment) throws IOException {
        IndexReader.CacheHelper core = segment.getCoreCacheHelper();
        if (core == null) {
            return read(segment); // a reader without a core key cannot be told apart from the next: not kept
        }
        TextVocabulary known = SEGMENTS.get(core.getKey());
        if (known != null) {
            return known;
        }
        TextVocabulary read = read(segment); // two searches missing at once both read it; either is right
        if (SEGMENTS.putIfAbsent(core.getKey(), read) == null) {
            try {
                core.addClosedListener(SEGMENTS::remove);
            } catch (AlreadyClosedException closed) {
                SEGMENTS.remove(core.getKey());
            }
        }
        return read;
    }

    /** Merges the fields' sorted terms dictionaries into one sorted list. */
    static TextVocabulary read(LeafReader segment) throws IOException {
        TermsEnum[] enums = new TermsEnum[FIELDS.size()];
        BytesRef[] current = new BytesRef[FIELDS.size()];
        for (int f = 0; f < enums.length; f++) {
            Terms terms = segment.terms(FIELDS.get(f));
            if (terms != null) {
                enums[f] = terms.iterator();
                current[f] = enums[f].next();
            }
        }
        byte[] bytes = new byte[1024];
        int[] starts = new int[65];
        byte[] fields = new byte[64];
        int size = 0;
        while (true) {
            BytesRef least = null;
            for (BytesRef term : current) {
                if (term != null && (least == null || term.compareTo(least) < 0)) {
                    least = term;
                }
            }
            if (least == null) {
                break;
            }
            int start = starts[size];
            int length = least.length;
            bytes = ArrayUtil.grow(bytes, start + length);
            System.arraycopy(least.bytes, least.offset, bytes, start, length);
            starts = ArrayUtil.grow(starts, size + 2);
            starts[size + 1] = start + length;
            fields = ArrayUtil.grow(fields, size + 1);
            byte in = 0;
            for (int f = 0; f < enums.length; f++) {
                BytesRef term = current[f];
                if (term != null && Arrays.equals(term.bytes, term.offset, term.offset + term.length, bytes, start, start + length)) {
                    in |= (byte) (1 << f);
                    current[f] = enums[f].next(); // may change least's bytes: they are copied already
                }
            }
            fields[size++] = in;
        }
        return new TextVocabulary(bytes, starts, fields, size);
    }

    /** The index of {@code field} in {@link #FIELDS}, or -1 when the vocabulary does not hold it. */
    static int fieldIndex(String field) {
        return FIELDS.indexOf(field);
    }

    int size() {
        return size;
    }

    /** Points {@code into} at term {@code i} (no copy: read-only). */
    BytesRef term(int i, BytesRef into) {
        into.bytes = bytes;
        into.offset = starts[i];
        into.length = starts[i + 1] - starts[i];
        return into;
    }

    /** Whether term {@code i} is in field {@code fieldIndex}. */
    boolean in(int i, int fieldIndex) {
        return (fields[i] & (1 << fieldIndex)) != 0;
    }

    /**
     * The terms (in term order) that {@code automaton} accepts, or null when it is not a plain
     * automaton (one term, all or none: the terms dictionary answers those directly).
     */
    int[] accepted(CompiledAutomaton automaton) {
        if (automaton.type != CompiledAutomaton.AUTOMATON_TYPE.NORMAL) {
            return null;
        }
        BytesRef start = fixedStart(automaton.runAutomaton);
        int[] accepted = new int[16];
        int count = 0;
        for (int i = firstAtOrAfter(start); i < size && startsWith(i, start); i++) {
            if (automaton.runAutomaton.run(bytes, starts[i], starts[i + 1] - starts[i])) {
                accepted = ArrayUtil.grow(accepted, count + 1);
                accepted[count++] = i;
            }
        }
        return Arrays.copyOf(accepted, count);
    }

    /**
     * Positions {@code terms} (field {@code fieldIndex}'s) on each of the {@code accepted} terms it
     * holds, in order, and hands it to {@code each}. Where the next one is also the field's next term
     * (a prefix's terms are a run of the dictionary) the enumeration steps on, reading its block in
     * order; otherwise it seeks, which starts again from the dictionary's index.
     */
    void forEachIn(int[] accepted, int fieldIndex, TermsEnum terms, IOConsumer<TermsEnum> each) throws IOException {
        BytesRef scratch = new BytesRef();
        int at = -1; // the term the enumeration is on, -1 before the first
        for (int i : accepted) {
            if (!in(i, fieldIndex)) {
                continue;
            }
            boolean next = at >= 0 && i - at <= MAX_STEP && nextIn(at, fieldIndex) == i;
            if (next ? terms.next() == null : !terms.seekExact(term(i, scratch))) {
                throw new IllegalStateException("the vocabulary of a segment disagrees with its terms dictionary");
            }
            at = i;
            each.accept(terms);
        }
    }

    /** Farther than this, looking for the field's next term in the vocabulary costs more than a seek. */
    private static final int MAX_STEP = 64;

    /** The first term after {@code i} that field {@code fieldIndex} holds, or {@link #size}. */
    private int nextIn(int i, int fieldIndex) {
        int next = i + 1;
        while (next < size && !in(next, fieldIndex)) {
            next++;
        }
        return next;
    }

    /**
     * The bytes every accepted term starts with: the path from the start while one byte only leads
     * on (a prefix, or a typo's first letter). Walking the run automaton costs a few hundred steps,
     * where {@code Operations.getCommonPrefixBytesRef} copies and sorts the whole automaton.
     */
    private static BytesRef fixedStart(ByteRunAutomaton run) {
        BytesRefBuilder start = new BytesRefBuilder();
        int state = 0;
        while (!run.isAccept(state)) {
            int only = -1;
            for (int b = 0; b < 256; b++) {
                if (run.step(state, b) != -1) {
                    if (only != -1) {
                        return start.toBytesRef();
                    }
                    only = b;
                }
            }
            if (only == -1) {
                break; // accepts nothing from here
            }
            start.append((byte) only);
            state = run.step(state, only);
        }
        return start.toBytesRef();
    }

    /** The first term not before {@code key}: a binary search. */
    private int firstAtOrAfter(BytesRef key) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int order = Arrays.compareUnsigned(bytes, starts[mid], starts[mid + 1], key.bytes, key.offset, key.offset + key.length);
            if (order < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private boolean startsWith(int i, BytesRef prefix) {
        return starts[i + 1] - starts[i] >= prefix.length
                && Arrays.equals(bytes, starts[i], starts[i] + prefix.length, prefix.bytes, prefix.offset, prefix.offset + prefix.length);
    }
}
