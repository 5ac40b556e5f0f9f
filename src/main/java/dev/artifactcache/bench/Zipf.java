package dev.artifactcache.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Picks from a list with a Zipf-like skew: the item of rank {@code r} (1-based) has weight
 * {@code 1 / r^s}, so a few items are everywhere and most are rare, as tags and words are.
 */
final class Zipf<T> {

    private final List<T> items;
    private final double[] cumulative;

    Zipf(List<T> items, double exponent) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a Zipf distribution needs at least one item");
        }
        this.items = List.copyOf(items);
        this.cumulative = new double[items.size()];
        double sum = 0;
        for (int rank = 1; rank <= items.size(); rank++) {
            sum += 1.0 / Math.pow(rank, exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    T next(Random random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        int index = at >= 0 ? at : -at - 1;
        return items.get(Math.min(index, items.size() - 1));
    }

    /** The item of this 1-based rank (rank 1 is the most frequent). */
    T rank(int rank) {
        return items.get(rank - 1);
    }

    int size() {
        return items.size();
    }
}
