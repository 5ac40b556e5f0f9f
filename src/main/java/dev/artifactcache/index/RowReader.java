package dev.artifactcache.index;

import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Reads documents back as rows: one binary and one numeric doc-values read per document. */
final class RowReader {

    private RowReader() {
    }

    /** The rows of {@code docs} (global doc ids), in the order given. */
    static List<ArtifactRow> read(IndexReader reader, int[] docs) throws IOException {
        ArtifactRow[] rows = new ArtifactRow[docs.length];
        Integer[] order = new Integer[docs.length];
        Arrays.setAll(order, i -> i);
        // Doc-values iterators only move forward: visit the hits in doc id order.
        Arrays.sort(order, Comparator.comparingInt(i -> docs[i]));
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = null;
        BinaryDocValues stored = null;
        NumericDocValues synced = null;
        for (int i : order) {
            int doc = docs[i];
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                stored = DocValues.getBinary(leaf.reader(), ArtifactFields.ROW);
                synced = DocValues.getNumeric(leaf.reader(), ArtifactFields.SYNCED_AT);
            }
            int local = doc - leaf.docBase;
            if (!stored.advanceExact(local)) {
                throw new IllegalStateException("document " + doc + " has no stored row; rebuild the index");
            }
            rows[i] = RowCodec.decode(stored.binaryValue(), synced.advanceExact(local) ? EpochNanos.toInstant(synced.longValue()) : null);
        }
        return Arrays.asList(rows);
    }
}
