package dev.artifactcache.collection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Map;

/** Reads the values of a manifest or lock table the lenient way formats.md asks for. */
final class TomlFields {

    private TomlFields() {
    }

    /**
     * A scalar as trimmed text, or null when missing, blank, or an array or table. Numbers and
     * booleans become their TOML spelling, so {@code version = 2} still gives a version.
     */
    static String text(Map<String, Object> table, String key) {
        return scalarText(table.get(key));
    }

    static String scalarText(Object value) {
        if (value instanceof String s) {
            String trimmed = s.strip();
            return trimmed.isEmpty() ? null : trimmed;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof TemporalAccessor) {
            return value.toString();
        }
        return null;
    }


    /**
     * A timestamp: SkillMeat writes naive ISO strings meaning UTC ({@code "2026-01-15T10:30:00.123456"});
     * a hand-edited file may hold an unquoted TOML date-time, a zoned string, or a date. Anything
     * else is null: a bad timestamp must not cost the artifact its row.
     */
    static Instant timestamp(Map<String, Object> table, String key) {
        Object value = table.get(key);
        return switch (value) {
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            case OffsetDateTime offset -> offset.toInstant();
            case LocalDate date -> date.atStartOfDay().toInstant(ZoneOffset.UTC);
            case String text -> parseTimestamp(text.strip());
            case null, default -> null;
        };
    }

    static Instant parseTimestamp(String text) {
        Instant canonical = canonicalTimestamp(text);
        if (canonical != null) {
            return canonical;
        }
        // Python's str(datetime) puts a space between date and time; isoformat() a 'T'.
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            if (iso.length() > 10 && !hasZone(iso)) {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            }
            if (iso.length() == 10) {
                return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(iso.endsWith("z") ? iso.substring(0, iso.length() - 1) + 'Z' : iso).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f...]} read by position, the form SkillMeat writes for every
     * artifact: DateTimeFormatter costs more than the rest of the entry. Null for any other form.
     */
    private static Instant canonicalTimestamp(String text) {
        int length = text.length();
        if (length < 19 || length == 20 || length > 29 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || (length > 19 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 19 ? digits(text, 20, length) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0) {
            return null;
        }
        int nanos = fraction;
        for (int digits = Math.max(0, length - 20); digits < 9 && length > 19; digits++) {
            nanos *= 10; // ".5" is 500,000,000 ns
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null; // e.g. month 13: the general parser says the same
        }
    }

    /** The decimal number in [from, to), or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean hasZone(String iso) {
        char last = iso.charAt(iso.length() - 1);
        return last == 'Z' || last == 'z' || iso.indexOf('+', 10) > 0 || iso.lastIndexOf('-') > 10;
    }
}
