package dev.artifactcache.index;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IntsRef;
import org.apache.lucene.util.UnicodeUtil;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Every term of one field in one segment, in term order, with its documents, in memory: a word, a
 * prefix or a typo is found here without walking the field's terms dictionary (an automaton
 * intersection per way and segment) or opening a postings list per term found. At 100,000
 * artifacts the name field holds a joined form per name ({@code pdf-reader-42} →
 * {@code pdfreader42}), about 100,000 terms of one document each: a 3-letter prefix found about 400
 * of them through the dictionary, each with its own postings list.
 *
 * <p>Read once per segment from its postings (deleted documents included, as postings have them:
 * searches skip those) and kept while the segment lives: about 11 MB for the five text fields of
 * 100,000 artifacts, 5 MB more for their exact names (the relevance bonus, {@link WordHits}). A
 * term in 1/32 of the segment or more keeps its documents as a bit set, a rarer one as a list (the
 * smaller of the two).
 */
final class SegmentTerms {

    /** A segment cache's key for the terms of {@code field}. */
    record Of(String field) {
    }

    /** A term with fewer documents than maxDoc / this keeps them as a list. */
    private static final int SPARSE_RATIO = 32;

    static final SegmentTerms EMPTY = new SegmentTerms(new byte[0], new int[1], new int[0], new long[0], new int[1],
            new int[0], new FixedBitSet[0], 0);

    /** Term {@code i} is {@code bytes[starts[i], starts[i + 1])}. */
    private final byte[] bytes;
    private final int[] starts;
    /** Per term, its length in code points and the set of its characters ({@link Typo#characters}). */
    private final int[] lengths;
    private final long[] characters;
    /** A list term's documents are {@code docs[docStarts[i], docStarts[i + 1])}; a bit-set term's are {@code dense[i]}. */
    private final int[] docStarts;
    private final int[] docs;
    private final FixedBitSet[] dense;
    private final int size;

    private SegmentTerms(byte[] bytes, int[] starts, int[] lengths, long[] characters, int[] docStarts, int[] docs,
                         FixedBitSet[] dense, int size) {
        this.bytes = bytes;
        this.starts = starts;
        this.lengths = lengths;
        this.characters = characters;
        this.docStarts = docStarts;
        this.docs = docs;
        this.dense = dense;
        this.size = size;
    }

    /** The terms of {@code field} in {@code segment}, read from its terms dictionary and postings. */
    static SegmentTerms read(LeafReader segment, String field) throws IOException {
        return read(segment, field, SPARSE_RATIO);
    }

    /** {@link #read}, keeping a term's documents as a list when fewer than maxDoc / {@code sparseRatio}. */
    static SegmentTerms read(LeafReader segment, String field, int sparseRatio) throws IOException {
        Terms terms = segment.terms(field);
        if (terms == null) {
            return EMPTY;
        }
        int maxDoc = segment.maxDoc();
        int capacity = Math.toIntExact(Math.max(terms.size(), 16));
        byte[] bytes = new byte[capacity * 8];
        int[] starts = new int[capacity + 1];
        int[] lengths = new int[capacity];
        long[] characters = new long[capacity];
        int[] docStarts = new int[capacity + 1];
        int[] docs = new int[Math.toIntExact(Math.max(terms.getSumDocFreq(), 16))]; // enough for every term as a list
        FixedBitSet[] dense = new FixedBitSet[capacity];
        IntsRef codePoints = new IntsRef();
        PostingsEnum postings = null;
        TermsEnum term = terms.iterator();
        int size = 0;
        for (BytesRef value = term.next(); value != null; value = term.next(), size++) {
            if (size == starts.length - 1) {
                int grown = ArrayUtil.oversize(size + 1, Integer.BYTES);
                starts = Arrays.copyOf(starts, grown + 1);
                docStarts = Arrays.copyOf(docStarts, grown + 1);
                lengths = Arrays.copyOf(lengths, grown);
                characters = Arrays.copyOf(characters, grown);
                dense = Arrays.copyOf(dense, grown);
            }
            bytes = ArrayUtil.grow(bytes, starts[size] + value.length);
            System.arraycopy(value.bytes, value.offset, bytes, starts[size], value.length);
            starts[size + 1] = starts[size] + value.length;
            codePoints.ints = ArrayUtil.grow(codePoints.ints, value.length);
            int length = UnicodeUtil.UTF8toUTF32(value, codePoints.ints);
            lengths[size] = length;
            characters[size] = Typo.characters(codePoints.ints, length);

            postings = term.postings(postings, PostingsEnum.NONE);
            int docFreq = term.docFreq();
            int at = docStarts[size];
            if ((long) docFreq * sparseRatio < maxDoc) {
                docs = ArrayUtil.grow(docs, at + docFreq);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    docs[at++] = doc;
                }
            } else {
                FixedBitSet set = new FixedBitSet(maxDoc);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    set.set(doc);
                }
                dense[size] = set;
            }
            docStarts[size + 1] = at;
        }
        return new SegmentTerms(Arrays.copyOf(bytes, starts[size]), Arrays.copyOf(starts, size + 1), Arrays.copyOf(lengths, size),
                Arrays.copyOf(characters, size), Arrays.copyOf(docStarts, size + 1), Arrays.copyOf(docs, docStarts[size]),
                Arrays.copyOf(dense, size), size);
    }

    int size() {
        return size;
    }

    /** Term {@code i}, as a view of this vocabulary's bytes (not to be modified). */
    BytesRef term(int i) {
        return new BytesRef(bytes, starts[i], starts[i + 1] - starts[i]);
    }

    /** Term {@code i}'s documents when kept as a bit set, else null: then they are {@code docs()[docsFrom(i), docsTo(i))}. */
    FixedBitSet docSet(int i) {
        return dense[i];
    }

    int docsFrom(int i) {
        return docStarts[i];
    }

    int docsTo(int i) {
        return docStarts[i + 1];
    }

    /** Term {@code i}'s documents, ascending, in an array of their own. */
    int[] docsOf(int i) {
        FixedBitSet set = dense[i];
        if (set == null) {
            return Arrays.copyOfRange(docs, docStarts[i], docStarts[i + 1]);
        }
        int[] listed = new int[set.cardinality()];
        int[] filled = {0};
        HitSets.forEachSetBit(set, doc -> listed[filled[0]++] = doc);
        return listed;
    }

    /** The listed terms' documents, back to back (not to be modified). */
    int[] docs() {
        return docs;
    }

    /** The index of {@code term}, or -1 when the field does not hold it. */
    int find(BytesRef term) {
        int i = firstAtOrAfter(term);
        return i < size && compare(i, term) == 0 ? i : -1;
    }

    /** Calls {@code each} with every term starting with {@code prefix}, in term order. */
    void forEachStartingWith(BytesRef prefix, IntConsumer each) {
        int from = firstAtOrAfter(prefix);
        for (int i = from, to = endOfRun(from, prefix); i < to; i++) {
            each.accept(i);
        }
    }

    /** Calls {@code each} with every term {@code typo} accepts, in term order. */
    void forEachTypo(Typo typo, IntConsumer each) {
        BytesRef start = typo.fixedStart();
        int from = firstAtOrAfter(start);
        int[] scratch = null;
        for (int i = from, to = endOfRun(from, start); i < to; i++) {
            if (typo.mayAccept(lengths[i], characters[i])) {
                if (scratch == null) {
                    scratch = new int[64];
                }
                scratch = ArrayUtil.grow(scratch, starts[i + 1] - starts[i]);
                if (typo.accepts(bytes, starts[i], starts[i + 1], scratch)) {
                    each.accept(i);
                }
            }
        }
    }

    /** The first term not before {@code key} in term order (unsigned bytes): a binary search. */
    private int firstAtOrAfter(BytesRef key) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compare(mid, key) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private int compare(int i, BytesRef key) {
        return Arrays.compareUnsigned(bytes, starts[i], starts[i + 1], key.bytes, key.offset, key.offset + key.length);
    }

    /**
     * The end of the run of terms starting with {@code prefix} that begins at {@code from} (the
     * first term not before it): a binary search, since a term's first bytes compare as the
     * prefix until the run ends and above it after.
     */
    private int endOfRun(int from, BytesRef prefix) {
        int low = from;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int end = Math.min(starts[mid + 1], starts[mid] + prefix.length);
            if (Arrays.compareUnsigned(bytes, starts[mid], end, prefix.bytes, prefix.offset, prefix.offset + prefix.length) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
