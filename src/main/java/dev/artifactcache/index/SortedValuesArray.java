package dev.artifactcache.index;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;

/**
 * Every value of one sorted doc-values field of one segment, by ordinal, in one byte array:
 * reading a value is a slice, where the doc values decompress a block of their terms dictionary
 * per lookup (a page's keys lie in as many blocks as it has items). Built once per segment.
 */
final class SortedValuesArray {

    private final byte[] bytes;
    /** The value of ordinal {@code o} is {@code bytes[starts[o], starts[o + 1])}. */
    private final int[] starts;

    private SortedValuesArray(byte[] bytes, int[] starts) {
        this.bytes = bytes;
        this.starts = starts;
    }

    static SortedValuesArray read(LeafReader reader, String field) throws IOException {
        SortedDocValues values = DocValues.getSorted(reader, field);
        int[] starts = new int[values.getValueCount() + 1];
        byte[] bytes = new byte[0];
        int length = 0;
        TermsEnum terms = values.termsEnum();
        int ord = 0;
        for (BytesRef term = terms.next(); term != null; term = terms.next()) {
            bytes = ArrayUtil.grow(bytes, length + term.length);
            System.arraycopy(term.bytes, term.offset, bytes, length, term.length);
            length += term.length;
            starts[++ord] = length;
        }
        return new SortedValuesArray(ArrayUtil.copyOfSubArray(bytes, 0, length), starts);
    }

    /** The value of {@code ord} (shared bytes: never modify them). */
    BytesRef value(int ord) {
        return new BytesRef(bytes, starts[ord], starts[ord + 1] - starts[ord]);
    }

    /** The ordinal of {@code value}, or -(insertion point) - 1 when absent, as {@link SortedDocValues#lookupTerm}. */
    int lookup(BytesRef value) {
        int low = 0;
        int high = starts.length - 2;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = value(mid).compareTo(value);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }
}
