package dev.artifactcache.index;

import java.util.Locale;

/** How several selected values of one filter combine. */
public enum MatchMode {
    /** An item matches when it has at least one of the values. */
    ANY,
    /** An item matches only when it has every value. */
    ALL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException unless {@code text} is {@code any} or {@code all}
     */
    public static MatchMode fromWire(String text) {
        for (MatchMode mode : values()) {
            if (mode.wire().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown match mode \"" + text + "\"; expected any or all");
    }
}
