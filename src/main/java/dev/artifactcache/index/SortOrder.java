package dev.artifactcache.index;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The orders a listing can take. Every order ends with the document key as the last tie-break,
 * so it is total and cursor paging never skips or repeats an item.
 */
public enum SortOrder {
    /** Name A→Z, case-insensitive. */
    NAME("name"),
    /** Name Z→A, case-insensitive. */
    NAME_DESC("-name"),
    /** Least recently updated first. */
    UPDATED("updated"),
    /** Most recently updated first. */
    UPDATED_DESC("-updated"),
    /** Best text match first, then by name. */
    RELEVANCE("relevance");

    private static final String KNOWN = Arrays.stream(values()).map(SortOrder::wire).collect(Collectors.joining(", "));

    private final String wire;

    SortOrder(String wire) {
        this.wire = wire;
    }

    /** The spelling of the {@code sort} parameter. */
    public String wire() {
        return wire;
    }

    /**
     * @throws IllegalArgumentException naming the known orders when {@code text} is none of them
     */
    public static SortOrder fromWire(String text) {
        for (SortOrder order : values()) {
            if (order.wire.equals(text)) {
                return order;
            }
        }
        throw new IllegalArgumentException("unknown sort \"" + text + "\"; expected one of " + KNOWN);
    }
}
