package dev.artifactcache.index;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

import java.io.IOException;
import java.util.Arrays;

/**
 * A hash of every document key a segment's terms dictionary holds, sorted: telling in a few
 * comparisons that a key is not in the segment, where a terms-dictionary seek decompresses a
 * block. A key whose hash is present may still be absent (two keys sharing a hash) or deleted, so
 * a hit is confirmed in the dictionary. Built once per segment; deletions do not change it.
 */
final class SegmentKeys {

    private static final int SEED = 0x9e3779b9;

    private final int[] hashes;

    private SegmentKeys(int[] hashes) {
        this.hashes = hashes;
    }

    static SegmentKeys read(LeafReader reader, String field) throws IOException {
        Terms terms = reader.terms(field);
        if (terms == null) {
            return new SegmentKeys(new int[0]);
        }
        int[] hashes = new int[Math.toIntExact(terms.size())];
        int n = 0;
        TermsEnum term = terms.iterator();
        for (BytesRef value = term.next(); value != null; value = term.next()) {
            hashes[n++] = hash(value);
        }
        Arrays.sort(hashes, 0, n);
        return new SegmentKeys(n == hashes.length ? hashes : Arrays.copyOf(hashes, n));
    }

    /** False when the segment certainly has no document with {@code key}. */
    boolean mayHold(BytesRef key) {
        return Arrays.binarySearch(hashes, hash(key)) >= 0;
    }

    private static int hash(BytesRef key) {
        return StringHelper.murmurhash3_x86_32(key, SEED);
    }
}
