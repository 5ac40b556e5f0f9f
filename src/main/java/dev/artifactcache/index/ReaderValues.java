package dev.artifactcache.index;

import org.apache.lucene.index.LeafReaderContext;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every value of one dimension in one reader, numbered in value order, with each segment's value
 * positions ({@link SegmentValues}) mapped to those numbers: counts are then added into one array
 * per request instead of a map keyed by the value's text. Made once per reader (a write makes a new
 * one; the per-segment parts are kept).
 */
final class ReaderValues {

    private final String[] values;
    private final Map<String, Integer> numbers;
    /** Per segment (leaf ordinal), the number of each of its values. */
    private final int[][] segmentNumbers;

    private ReaderValues(String[] values, Map<String, Integer> numbers, int[][] segmentNumbers) {
        this.values = values;
        this.numbers = numbers;
        this.segmentNumbers = segmentNumbers;
    }

    static ReaderValues of(ArtifactSearcher searcher, FacetDimension dimension) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        SegmentValues[] segments = new SegmentValues[leaves.size()];
        TreeSet<String> all = new TreeSet<>();
        for (LeafReaderContext leaf : leaves) {
            segments[leaf.ord] = searcher.segmentValues(leaf.reader(), dimension);
            all.addAll(segments[leaf.ord].values());
        }
        String[] values = all.toArray(String[]::new);
        Map<String, Integer> numbers = new HashMap<>(values.length * 2);
        for (int i = 0; i < values.length; i++) {
            numbers.put(values[i], i);
        }
        int[][] segmentNumbers = new int[segments.length][];
        for (int leaf = 0; leaf < segments.length; leaf++) {
            List<String> segmentValues = segments[leaf].values();
            segmentNumbers[leaf] = new int[segmentValues.size()];
            for (int i = 0; i < segmentNumbers[leaf].length; i++) {
                segmentNumbers[leaf][i] = numbers.get(segmentValues.get(i));
            }
        }
        return new ReaderValues(values, numbers, segmentNumbers);
    }

    int size() {
        return values.length;
    }

    String value(int number) {
        return values[number];
    }

    /** The value's number, or -1 when no segment has it. */
    int number(String value) {
        return numbers.getOrDefault(value, -1);
    }

    /** The segment's value positions as numbers. */
    int[] ofSegment(int leafOrd) {
        return segmentNumbers[leafOrd];
    }
}
