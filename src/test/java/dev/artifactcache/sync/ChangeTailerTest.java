package dev.artifactcache.sync;

import org.junit.jupiter.api.Test;
import org.postgresql.PGNotification;
import org.postgresql.core.Notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a batch of notifications announces: the highest seq, or "unknown, catch up" for one without a seq. */
class ChangeTailerTest {

    private static PGNotification carrying(String payload) {
        return new Notification("artifact_changes", 4711, payload);
    }

    @Test
    void theHighestSeqOfTheBatch() {
        assertEquals(42, ChangeTailer.announced(new PGNotification[] {carrying("17"), carrying("42"), carrying("40")}));
    }

    @Test
    void aNotificationWithoutSeqMeansCatchUp() {
        assertEquals(Long.MAX_VALUE, ChangeTailer.announced(new PGNotification[] {carrying("17"), carrying("")}));
    }
}
