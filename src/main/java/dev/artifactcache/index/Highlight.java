package dev.artifactcache.index;

import java.util.List;

/**
 * Highlighted fragments of one item: HTML-escaped text with each matched term (exact, prefix or
 * typo match) wrapped in {@code <mark>…</mark>}. An empty list means the field did not match.
 *
 * @param name        the whole name, marked; at most one fragment
 * @param description up to two sentences of the description, marked
 */
public record Highlight(List<String> name, List<String> description) {

    public static final Highlight NONE = new Highlight(List.of(), List.of());

    public Highlight {
        name = List.copyOf(name);
        description = List.copyOf(description);
    }
}
