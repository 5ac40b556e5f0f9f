package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.store.ArtifactRow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RowCodecTest {

    @Test
    void roundTripsEveryComponent() throws Exception {
        ArtifactId id = new ArtifactId(ArtifactType.MCP, "naïve server ✓");
        ArtifactMetadata metadata = new ArtifactMetadata("c", id, "Title", "https://github.com/o/r/tree/abc/x", "marketplace",
                "gitlab", "v1.2.0", "3f2a", "v1.2.1", "2", "Déscription <b>", "Ann", "MIT", List.of("a", "b c"),
                List.of("Read", "mcp__x__y"), "ff00", "frontmatter read line by line", true,
                Instant.parse("2026-01-15T10:30:00.123456Z"));
        ArtifactRow row = new ArtifactRow("c", id.toString(), metadata, Instant.parse("2026-11-20T10:00:00.000000001Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Long.MAX_VALUE, false);
        assertEquals(row, RowCodec.decode(RowCodec.encode(row), row.syncedAt()));
    }

    @Test
    void roundTripsNullsAndEmptyListsAndLongText() throws Exception {
        ArtifactId id = new ArtifactId(ArtifactType.SKILL, "x");
        ArtifactMetadata metadata = new ArtifactMetadata("c", id, null, null, null, null, null, null, null, null,
                "word ".repeat(60_000), null, null, List.of(), List.of(), null, null, false, null);
        ArtifactRow row = new ArtifactRow("c", "skill:x", metadata, Instant.EPOCH, null, 0, false);
        assertEquals(row, RowCodec.decode(RowCodec.encode(row), Instant.EPOCH));
    }

    @Test
    void epochNanosAreExactInRangeAndClampedOutside() {
        Instant instant = Instant.parse("2026-11-20T10:00:00.123456789Z");
        assertEquals(instant, EpochNanos.toInstant(EpochNanos.of(instant)));
        Instant before = Instant.parse("1960-01-01T00:00:00.5Z");
        assertEquals(before, EpochNanos.toInstant(EpochNanos.of(before)));
        assertEquals(Long.MAX_VALUE, EpochNanos.of(Instant.MAX));
        assertEquals(Long.MIN_VALUE, EpochNanos.of(Instant.MIN));
    }
}
