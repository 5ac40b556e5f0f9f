package dev.artifactcache.collection;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TomlFieldsTest {

    @Test
    void naiveTimestampsAreUtcWithAnyFractionLength() {
        assertEquals(Instant.parse("2026-01-15T10:30:00Z"), TomlFields.parseTimestamp("2026-01-15T10:30:00"));
        assertEquals(Instant.parse("2026-01-15T10:30:00.500Z"), TomlFields.parseTimestamp("2026-01-15T10:30:00.5"));
        assertEquals(Instant.parse("2026-01-15T10:30:00.123456Z"), TomlFields.parseTimestamp("2026-01-15T10:30:00.123456"));
        assertEquals(Instant.parse("2026-01-15T10:30:00.123456789Z"), TomlFields.parseTimestamp("2026-01-15T10:30:00.123456789"));
    }

    @Test
    void otherSpellingsOfATimestampAreAccepted() {
        assertEquals(Instant.parse("2026-01-15T10:30:00Z"), TomlFields.parseTimestamp("2026-01-15 10:30:00"));
        assertEquals(Instant.parse("2026-01-15T10:30:00Z"), TomlFields.parseTimestamp("2026-01-15T10:30:00Z"));
        assertEquals(Instant.parse("2026-01-15T08:30:00Z"), TomlFields.parseTimestamp("2026-01-15T10:30:00+02:00"));
        assertEquals(Instant.parse("2026-01-15T00:00:00Z"), TomlFields.parseTimestamp("2026-01-15"));
        assertEquals(Instant.parse("2026-01-15T10:30:00Z"), TomlFields.parseTimestamp("2026-01-15T10:30"));
    }

    @Test
    void anythingElseIsNull() {
        for (String text : List.of("", "yesterday", "2026-13-01T00:00:00", "2026-02-30T00:00:00", "2026-01-15T25:00:00",
                "2026-01-15T10:30:00.1234567890", "15/01/2026")) {
            assertNull(TomlFields.parseTimestamp(text), text);
        }
    }

    @Test
    void tomlDateTimeValuesAreAcceptedToo() {
        Map<String, Object> table = new HashMap<>();
        table.put("local", LocalDateTime.parse("2026-01-15T10:30:00.25"));
        table.put("offset", OffsetDateTime.parse("2026-01-15T10:30:00-01:00"));
        table.put("date", LocalDate.parse("2026-01-15"));
        table.put("number", 20260115L);

        assertEquals(Instant.parse("2026-01-15T10:30:00.25Z"), TomlFields.timestamp(table, "local"));
        assertEquals(Instant.parse("2026-01-15T11:30:00Z"), TomlFields.timestamp(table, "offset"));
        assertEquals(Instant.parse("2026-01-15T00:00:00Z"), TomlFields.timestamp(table, "date"));
        assertNull(TomlFields.timestamp(table, "number"));
        assertNull(TomlFields.timestamp(table, "missing"));
    }

    @Test
    void textIsATrimmedScalarAndBlankIsNull() {
        Map<String, Object> table = new HashMap<>(Map.of("s", "  x  ", "blank", "  ", "n", 2L, "d", 1.5, "b", true, "list", List.of("a")));

        assertEquals(List.of("x", "2", "1.5", "true"), List.of(TomlFields.text(table, "s"), TomlFields.text(table, "n"), TomlFields.text(table, "d"), TomlFields.text(table, "b")));
        assertNull(TomlFields.text(table, "blank"));
        assertNull(TomlFields.text(table, "list"));
        assertNull(TomlFields.text(table, "missing"));
    }
}
