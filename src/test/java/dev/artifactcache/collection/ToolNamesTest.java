package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ToolNamesTest {

    @Test
    void aListKeepsItsItems() {
        assertEquals(List.of("Read", "Grep", "Bash"), ToolNames.of(List.of("Read", "Grep", "Bash")));
    }

    @Test
    void aStringSplitsOnCommas() {
        assertEquals(List.of("Read", "Write", "Edit"), ToolNames.of("Read, Write,Edit"));
    }

    @Test
    void aStringSplitsOnWhitespaceAsTheAgentSkillsFormatWritesIt() {
        assertEquals(List.of("Read", "Grep", "Bash"), ToolNames.of("Read Grep Bash(git:*)"));
        assertEquals(List.of("Read", "Grep"), ToolNames.of("  Read\tGrep \n"));
    }

    @Test
    void neverSplitsInsideParenthesesAndDropsThePermissionSuffix() {
        assertEquals(List.of("Bash", "Read"), ToolNames.of("Bash(git add:*, git commit:*) Read"));
        assertEquals(List.of("Bash"), ToolNames.of(List.of("Bash(git:*)")));
        assertEquals(List.of("WebFetch"), ToolNames.of("WebFetch(domain:docs.example.com)"));
    }

    @Test
    void knownNamesTakeTheirCanonicalSpelling() {
        assertEquals(List.of("Bash", "Read", "WebFetch", "TodoWrite", "MultiEdit", "AskUserQuestion"),
                ToolNames.of("bash READ web-fetch todo_write multiedit ask-user-question"));
    }

    @Test
    void everyCanonicalNameIsItsOwnCanonicalSpelling() {
        assertEquals(ToolNames.CANONICAL, ToolNames.of(String.join(" ", ToolNames.CANONICAL).toLowerCase()));
    }

    @Test
    void unknownNamesAreKeptVerbatim() {
        assertEquals(List.of("mcp__github__create_issue", "Read", "CustomTool"), ToolNames.of("mcp__github__create_issue, read, CustomTool"));
    }

    @Test
    void duplicatesAreDroppedKeepingTheFirstSeenOrder() {
        assertEquals(List.of("Bash", "Read"), ToolNames.of("Bash(git:*) read Bash(npm:*) Read bash"));
    }

    @Test
    void emptyPiecesAndOtherValuesGiveNothing() {
        assertEquals(List.of(), ToolNames.of(" , ,, "));
        assertEquals(List.of(), ToolNames.of(null));
        assertEquals(List.of(), ToolNames.of(42L));
        assertEquals(List.of("Read"), ToolNames.of(java.util.Arrays.asList(null, List.of("nested"), "read")));
    }
}
