package dev.artifactcache.collection;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Tags as formats.md writes them: a list (blank items dropped) or a comma-separated string. */
final class TagLists {

    private TagLists() {
    }

    /**
     * The tags in {@code value} (a {@link List} or a {@link String}; anything else gives none),
     * trimmed, without blanks or duplicates, in order. A string like {@code "[a, b]"} (what a
     * line-by-line frontmatter read leaves of a YAML flow list) loses its brackets and quotes.
     */
    static List<String> of(Object value) {
        Set<String> tags = new LinkedHashSet<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                addItem(tags, scalar(item));
            }
        } else if (value instanceof String text) {
            String list = unbracket(text.strip());
            int start = 0;
            for (int comma = list.indexOf(','); comma >= 0; comma = list.indexOf(',', start)) {
                addItem(tags, list.substring(start, comma));
                start = comma + 1;
            }
            addItem(tags, list.substring(start));
        }
        return List.copyOf(tags);
    }

    /** The union of several tag lists, first-seen order. */
    @SafeVarargs
    static List<String> union(List<String>... lists) {
        Set<String> tags = new LinkedHashSet<>();
        for (List<String> list : lists) {
            tags.addAll(list);
        }
        return List.copyOf(tags);
    }

    /** Only scalars are items: a nested list or map is skipped, never flattened or printed. */
    static String scalar(Object item) {
        return item instanceof String || item instanceof Number || item instanceof Boolean ? item.toString() : null;
    }

    static String unbracket(String text) {
        return text.length() >= 2 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']'
                ? text.substring(1, text.length() - 1)
                : text;
    }

    /** Removes one pair of matching surrounding quotes. */
    static String unquote(String text) {
        if (text.length() >= 2) {
            char first = text.charAt(0);
            if ((first == '"' || first == '\'') && text.charAt(text.length() - 1) == first) {
                return text.substring(1, text.length() - 1);
            }
        }
        return text;
    }

    private static void addItem(Collection<String> tags, String item) {
        if (item != null) {
            String tag = unquote(item.strip()).strip();
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
    }
}
