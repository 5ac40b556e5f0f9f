package dev.artifactcache.index;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.FieldDoc;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One segment's candidates for a page in a field order, in page order. The segments' candidates
 * meet in {@link #merge}, a k-way merge that compares heads only where segments meet, so a sort
 * value's bytes are read only for those heads and for the page.
 *
 * @param <C> the kind of candidates, compared with their own kind
 */
abstract class SegmentCandidates<C extends SegmentCandidates<C>> {

    final LeafReaderContext context;

    SegmentCandidates(LeafReaderContext context) {
        this.context = context;
    }

    /** The head's document in its segment. */
    abstract int headDoc();

    /** The head's sort values, as a cursor holds them. */
    abstract Object[] headValues();

    /** Whether the head is this segment's last candidate. */
    abstract boolean headIsLast();

    /** Moves to the next candidate; false when there is none. */
    abstract boolean advance();

    /** The two heads in ascending order. */
    abstract int compareHead(C other);

    /**
     * Up to {@code wanted} hits in page order, ascending or descending, as {@link FieldDoc}s. Only
     * the hits a page's cursors may be made of carry their sort values (reading one may cost a
     * terms dictionary lookup), whether the page shows {@code wanted} hits or one fewer (asking one
     * more tells whether a next page exists, as {@code ArtifactSearch} does): the first, the last
     * two when {@code wanted} are found, and the last one otherwise; the others' fields are null.
     */
    static <C extends SegmentCandidates<C>> FieldDoc[] merge(List<C> segments, boolean descending, int wanted) {
        PriorityQueue<C> heads = new PriorityQueue<>(Math.max(1, segments.size()),
                descending ? (a, b) -> b.compareHead(a) : (a, b) -> a.compareHead(b));
        heads.addAll(segments);
        List<FieldDoc> page = new ArrayList<>(wanted);
        while (page.size() < wanted && !heads.isEmpty()) {
            C segment = heads.poll();
            boolean mayEndPage = page.size() >= wanted - 2 || (heads.isEmpty() && segment.headIsLast());
            Object[] values = page.isEmpty() || mayEndPage ? segment.headValues() : null;
            page.add(new FieldDoc(segment.context.docBase + segment.headDoc(), Float.NaN, values));
            if (segment.advance()) {
                heads.add(segment);
            }
        }
        return page.toArray(new FieldDoc[0]);
    }
}
