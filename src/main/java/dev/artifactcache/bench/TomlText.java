package dev.artifactcache.bench;

import java.util.List;
import java.util.stream.Collectors;

/** TOML values as the SkillMeat CLI writes them: basic strings and inline string arrays. */
final class TomlText {

    private TomlText() {
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String array(List<String> values) {
        return values.stream().map(TomlText::string).collect(Collectors.joining(", ", "[", "]"));
    }
}
