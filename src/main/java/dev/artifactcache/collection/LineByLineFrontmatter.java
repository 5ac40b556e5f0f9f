package dev.artifactcache.collection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lenient reading of a frontmatter block that is not valid YAML, as the agents' own loaders
 * do it (formats.md): a line {@code key: value} at column 0 gives {@code key} everything after
 * the first {@code ": "} (trimmed, one pair of surrounding quotes removed, empty is null), and
 * {@code - item} lines under a key with no value make a list. Other lines are ignored.
 */
final class LineByLineFrontmatter {

    private LineByLineFrontmatter() {
    }

    static Map<String, Object> read(String block) {
        Map<String, Object> values = new HashMap<>();
        String listKey = null;
        int at = 0;
        while (at < block.length()) {
            int newline = block.indexOf('\n', at);
            int end = newline < 0 ? block.length() : newline;
            String line = block.substring(at, end > at && block.charAt(end - 1) == '\r' ? end - 1 : end);
            at = end + 1;
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            if (stripped.equals("-") || stripped.startsWith("- ")) {
                if (listKey != null) {
                    addItem(values, listKey, stripped.substring(1));
                }
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                continue; // a continuation line of a value: not recoverable line by line
            }
            listKey = keyValue(values, line);
        }
        return values;
    }

    /** Records a {@code key: value} line; returns the key when its value is empty (a list may follow). */
    private static String keyValue(Map<String, Object> values, String line) {
        int separator = line.indexOf(": ");
        String key;
        String value;
        if (separator >= 0) {
            key = line.substring(0, separator);
            value = line.substring(separator + 2);
        } else if (line.stripTrailing().endsWith(":")) {
            String trimmed = line.stripTrailing();
            key = trimmed.substring(0, trimmed.length() - 1);
            value = "";
        } else {
            return null;
        }
        key = TagLists.unquote(key.strip());
        String text = TagLists.unquote(value.strip()).strip();
        values.put(key, text.isEmpty() ? null : text);
        return text.isEmpty() ? key : null;
    }

    @SuppressWarnings("unchecked")
    private static void addItem(Map<String, Object> values, String key, String item) {
        Object list = values.get(key);
        if (!(list instanceof List)) {
            list = new ArrayList<String>();
            values.put(key, list);
        }
        ((List<String>) list).add(TagLists.unquote(item.strip()).strip());
    }
}
