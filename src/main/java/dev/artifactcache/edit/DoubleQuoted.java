package dev.artifactcache.edit;

/**
 * A double-quoted string, as TOML (a basic string) and YAML (a double-quoted scalar) both read it:
 * the two share these escapes ({@code \"}, {@code \\}, {@code \n}, {@code \t}, {@code \\uXXXX} for
 * any other control character), so one function writes both.
 */
final class DoubleQuoted {

    private DoubleQuoted() {
    }

    static String of(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        quoted.append(String.format("\\u%04X", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
