package dev.artifactcache.collection;

import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tomlj's tables and arrays as plain {@link Map}s and {@link List}s, the form
 * {@link TomlSubsetParser} produces, so that readers see one shape whichever parser ran.
 */
final class PlainToml {

    private PlainToml() {
    }

    static Map<String, Object> of(TomlTable table) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : table.entrySet()) {
            map.put(entry.getKey(), value(entry.getValue()));
        }
        return map;
    }

    /** Tables and arrays converted, scalars (String, Long, Double, Boolean, java.time values) as they are. */
    static Object value(Object value) {
        if (value instanceof TomlTable table) {
            return of(table);
        }
        if (value instanceof TomlArray array) {
            List<Object> list = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                list.add(value(array.get(i)));
            }
            return list;
        }
        return value;
    }
}
