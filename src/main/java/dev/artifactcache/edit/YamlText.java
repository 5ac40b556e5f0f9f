package dev.artifactcache.edit;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Values as YAML text: plain where every YAML loader (SkillMeat's Python one included) reads it
 * back as the same string, double-quoted otherwise.
 */
final class YamlText {

    /** Starts with a letter and has nothing a plain scalar (also inside a flow list) could misread. */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}][\\p{L}\\p{N} ._/()+@'-]*");
    /** Words YAML 1.1 loaders turn into booleans or null. */
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private YamlText() {
    }

    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !value.endsWith(" ") && !RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        return DoubleQuoted.of(value);
    }

    /** A flow sequence: {@code [a, "b c: d"]}. */
    static String list(List<String> values) {
        return values.stream().map(YamlText::scalar).collect(Collectors.joining(", ", "[", "]"));
    }
}
