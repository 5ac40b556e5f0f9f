package dev.artifactcache.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a command did: its exit status and what it printed.
 *
 * @param status the exit status
 * @param out    standard output
 * @param err    standard error
 */
record CommandResult(int status, String out, String err) {

    /** Fails unless the command exited with {@code status}, showing everything it printed. */
    CommandResult assertStatus(int expected) {
        assertEquals(expected, status, this::toString);
        return this;
    }

    /** Fails unless stderr is exactly one line: {@code artifact-cache: <message>}. */
    CommandResult assertOneErrorLine(String message) {
        assertEquals("artifact-cache: " + message + "\n", err, this::toString);
        return this;
    }

    CommandResult assertOutContains(String text) {
        assertTrue(out.contains(text), () -> "expected in stdout: " + text + "\n" + this);
        return this;
    }

    @Override
    public String toString() {
        return "exit status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err + "---";
    }
}
