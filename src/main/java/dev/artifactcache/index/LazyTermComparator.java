package dev.artifactcache.index;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.FieldComparator;
import org.apache.lucene.search.FieldComparatorSource;
import org.apache.lucene.search.LeafFieldComparator;
import org.apache.lucene.search.Pruning;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

import java.io.IOException;

/**
 * Sorts by a sorted doc-values string field, like Lucene's {@code TermOrdValComparator}, but
 * without reading a value's bytes each time a document enters the queue: on our fields (unique
 * names and keys) reading bytes decompresses a block of the terms dictionary, and a top-20 over
 * 100,000 documents sees a few hundred entries. Here a queue slot holds an ordinal; bytes are read
 * only for the slots still queued when a segment ends (to place them in the next segment's
 * ordinals, lazily) and for the final page.
 *
 * <p>Ordinals of other segments are mapped into the current one as "virtual ordinals": a value
 * present at ordinal {@code o} is {@code 2o+1}; a value absent, sitting just before ordinal
 * {@code i}, is {@code 2i}. Documents without a value sort first ({@code -1}).
 */
final class LazyTermComparator extends FieldComparator<BytesRef> implements LeafFieldComparator {

    private static final int MISSING = -1;

    private final String field;
    /** Virtual ordinal of each slot, valid in the segment {@code vordGens[slot]}. */
    private final int[] vords;
    private final int[] vordGens;
    /** Ordinal in the segment the slot was copied from, until its bytes are read. */
    private final int[] ords;
    private final int[] copiedGens;
    private final boolean[] resolved;
    private final BytesRefBuilder[] values;

    private int gen = -1;
    private LeafReaderContext leaf;
    /** The current segment's values, opened on first use: a tie-break field is often never read. */
    private SortedDocValues current;
    private int currentDoc = -1;
    private int currentOrd = MISSING;
    private int bottom = -1;
    private BytesRef top;
    private int topVord;
    private int topGen = -1;

    private LazyTermComparator(String field, int slots) {
        this.field = field;
        this.vords = new int[slots];
        this.vordGens = new int[slots];
        this.ords = new int[slots];
        this.copiedGens = new int[slots];
        this.resolved = new boolean[slots];
        this.values = new BytesRefBuilder[slots];
    }

    /** A sort on {@code field} (sorted doc values) using this comparator. */
    static SortField sortField(String field, boolean reverse) {
        return new SortField(field, new FieldComparatorSource() {
            @Override
            public FieldComparator<?> newComparator(String fieldName, int numHits, Pruning pruning, boolean reversed) {
                return new LazyTermComparator(fieldName, numHits);
            }
        }, reverse);
    }

    @Override
    public LeafFieldComparator getLeafComparator(LeafReaderContext context) throws IOException {
        for (int slot = 0; slot < resolved.length; slot++) {
            if (copiedGens[slot] == gen && !resolved[slot]) {
                resolve(slot); // the last chance to read this segment's bytes
            }
        }
        gen++;
        leaf = context;
        current = null;
        currentDoc = -1;
        return this;
    }

    @Override
    public int compare(int slot1, int slot2) {
        int v1 = vord(slot1);
        int v2 = vord(slot2);
        if (v1 != v2) {
            return Integer.compare(v1, v2);
        }
        if (v1 == MISSING || (v1 & 1) == 1) {
            return 0;
        }
        return value(slot1).compareTo(value(slot2)); // both absent from this segment, at the same place
    }

    @Override
    public void setTopValue(BytesRef value) {
        top = value;
        topGen = -1;
    }

    @Override
    public BytesRef value(int slot) {
        if (!resolved[slot]) {
            resolve(slot);
        }
        return ords[slot] == MISSING ? null : values[slot].get();
    }

    @Override
    public int compareValues(BytesRef first, BytesRef second) {
        if (first == null) {
            return second == null ? 0 : -1;
        }
        return second == null ? 1 : first.compareTo(second);
    }

    @Override
    public void setBottom(int slot) {
        bottom = slot;
    }

    @Override
    public int compareBottom(int doc) throws IOException {
        return Integer.compare(vord(bottom), docVord(doc));
    }

    @Override
    public int compareTop(int doc) throws IOException {
        if (topGen != gen) {
            topVord = top == null ? MISSING : virtualOrd(top);
            topGen = gen;
        }
        return Integer.compare(topVord, docVord(doc));
    }

    @Override
    public void copy(int slot, int doc) throws IOException {
        int ord = ord(doc);
        ords[slot] = ord;
        copiedGens[slot] = gen;
        resolved[slot] = false;
        vords[slot] = ord == MISSING ? MISSING : 2 * ord + 1;
        vordGens[slot] = gen;
    }

    @Override
    public void setScorer(Scorable scorer) {
    }

    private int docVord(int doc) throws IOException {
        int ord = ord(doc);
        return ord == MISSING ? MISSING : 2 * ord + 1;
    }

    private SortedDocValues docValues() throws IOException {
        if (current == null) {
            current = DocValues.getSorted(leaf.reader(), field);
        }
        return current;
    }

    private int ord(int doc) throws IOException {
        if (doc != currentDoc) {
            currentOrd = docValues().advanceExact(doc) ? current.ordValue() : MISSING;
            currentDoc = doc;
        }
        return currentOrd;
    }

    /** The slot's virtual ordinal in the current segment, mapped on first use. */
    private int vord(int slot) {
        if (vordGens[slot] != gen) {
            BytesRef value = value(slot);
            vords[slot] = value == null ? MISSING : virtualOrd(value);
            vordGens[slot] = gen;
        }
        return vords[slot];
    }

    private int virtualOrd(BytesRef value) {
        try {
            int ord = docValues().lookupTerm(value);
            return ord >= 0 ? 2 * ord + 1 : 2 * (-ord - 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void resolve(int slot) {
        if (ords[slot] != MISSING) {
            if (values[slot] == null) {
                values[slot] = new BytesRefBuilder();
            }
            try {
                values[slot].copyBytes(docValues().lookupOrd(ords[slot]));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        resolved[slot] = true;
    }
}
