package dev.artifactcache.collection;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Tool lists as agents and skills write them: a list, or a string split on commas and
 * whitespace but never inside parentheses ({@code Read Grep Bash(git:*)}). A permission
 * suffix is dropped, known names take their canonical spelling, unknown ones stay verbatim.
 */
final class ToolNames {

    /** The canonical tool names of formats.md. */
    static final List<String> CANONICAL = List.of(
            "Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "NotebookEdit", "Bash", "KillShell",
            "AskUserQuestion", "TodoWrite", "WebFetch", "WebSearch", "Task", "TaskOutput", "Skill",
            "EnterPlanMode", "ExitPlanMode");

    private static final Map<String, String> BY_KEY = CANONICAL.stream()
            .collect(Collectors.toUnmodifiableMap(ToolNames::key, Function.identity()));

    private ToolNames() {
    }

    /** The tools in {@code value} (a {@link List} of strings or a {@link String}), normalised, first-seen order. */
    static List<String> of(Object value) {
        Set<String> tools = new LinkedHashSet<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                String text = TagLists.scalar(item);
                if (text != null) {
                    split(TagLists.unbracket(text.strip()), tools);
                }
            }
        } else if (value instanceof String text) {
            split(TagLists.unbracket(text.strip()), tools);
        }
        return List.copyOf(tools);
    }

    /** The first of {@code values} that gives at least one tool (frontmatter: tools, allowed-tools, allowedTools). */
    static List<String> firstNonEmpty(Stream<Object> values) {
        return values.map(ToolNames::of).filter(tools -> !tools.isEmpty()).findFirst().orElse(List.of());
    }

    /** Canonical spelling of a known tool ({@code web-fetch} → {@code WebFetch}), else the name itself. */
    static String canonical(String name) {
        return BY_KEY.getOrDefault(key(name), name);
    }

    private static void split(String text, Set<String> tools) {
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
                add(text.substring(start, i), tools);
                start = i + 1;
            }
        }
        add(text.substring(start), tools);
    }

    private static void add(String token, Set<String> tools) {
        int permission = token.indexOf('(');
        String name = withoutQuotes(permission >= 0 ? token.substring(0, permission) : token);
        if (!name.isEmpty()) {
            tools.add(canonical(name));
        }
    }

    /** Quotes around a name are left over from a line-by-line read ({@code "Read", 'Bash(git:*)'}): drop them. */
    private static String withoutQuotes(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && isQuoteOrBlank(token.charAt(start))) {
            start++;
        }
        while (end > start && isQuoteOrBlank(token.charAt(end - 1))) {
            end--;
        }
        return token.substring(start, end);
    }

    private static boolean isQuoteOrBlank(char c) {
        return c == '"' || c == '\'' || Character.isWhitespace(c);
    }

    private static String key(String name) {
        StringBuilder key = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_') {
                key.append(c < 0x80 ? (char) (c | ((c >= 'A' && c <= 'Z') ? 0x20 : 0)) : Character.toLowerCase(c));
            }
        }
        return key.toString();
    }
}
