package dev.artifactcache.index;

import dev.artifactcache.collection.ArtifactId;
import dev.artifactcache.collection.ArtifactMetadata;
import dev.artifactcache.collection.ArtifactType;
import dev.artifactcache.store.ArtifactRow;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything an item renders, as one compact binary value per document: a single doc-values read
 * per hit instead of a dozen stored fields. {@code synced_at} is not in it: that lives in its own
 * updatable doc-values field and is passed in when decoding.
 */
final class RowCodec {

    private static final int FORMAT = 1;
    private static final int FAILED = 1;
    private static final int HAS_ADDED = 2;
    private static final int HAS_UPDATED = 4;
    private static final int OPTIONAL_COUNT = 13;

    private RowCodec() {
    }

    static BytesRef encode(ArtifactRow row) {
        ArtifactMetadata m = row.metadata();
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            out.writeVInt(FORMAT);
            out.writeString(row.collection());
            out.writeString(m.type().wire());
            out.writeString(m.name());
            String[] optional = optionalStrings(m);
            int present = 0;
            for (int i = 0; i < optional.length; i++) {
                if (optional[i] != null) {
                    present |= 1 << i;
                }
            }
            out.writeVInt(present);
            for (String value : optional) {
                if (value != null) {
                    out.writeString(value);
                }
            }
            writeList(out, m.tags());
            writeList(out, m.tools());
            int flags = (m.failed() ? FAILED : 0) | (m.added() != null ? HAS_ADDED : 0) | (row.updatedAt() != null ? HAS_UPDATED : 0);
            out.writeVInt(flags);
            if (m.added() != null) {
                writeInstant(out, m.added());
            }
            if (row.updatedAt() != null) {
                writeInstant(out, row.updatedAt());
            }
            out.writeZLong(row.seq());
            writeList(out, m.syncWarnings()); // last, so documents written before it existed still decode
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory output: cannot happen
        }
        return new BytesRef(out.toArrayCopy());
    }

    static ArtifactRow decode(BytesRef bytes, Instant syncedAt) throws IOException {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
        int format = in.readVInt();
        if (format != FORMAT) {
            throw new IllegalStateException("stored row has format " + format + ", expected " + FORMAT + "; rebuild the index");
        }
        String collection = in.readString();
        ArtifactType type = ArtifactType.fromWire(in.readString());
        String name = in.readString();
        int present = in.readVInt();
        String[] o = new String[OPTIONAL_COUNT];
        for (int i = 0; i < o.length; i++) {
            o[i] = (present & (1 << i)) != 0 ? in.readString() : null;
        }
        List<String> tags = readList(in);
        List<String> tools = readList(in);
        int flags = in.readVInt();
        Instant added = (flags & HAS_ADDED) != 0 ? readInstant(in) : null;
        Instant updatedAt = (flags & HAS_UPDATED) != 0 ? readInstant(in) : null;
        long seq = in.readZLong();
        List<String> warnings = in.eof() ? List.of() : readList(in);
        ArtifactId id = new ArtifactId(type, name);
        ArtifactMetadata metadata = new ArtifactMetadata(collection, id, o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7],
                o[8], o[9], o[10], tags, tools, o[11], o[12], (flags & FAILED) != 0, added, warnings);
        return new ArtifactRow(collection, id.toString(), metadata, syncedAt, updatedAt, seq, false);
    }

    /** The nullable strings, in the order of {@link ArtifactMetadata}'s components (decode relies on it). */
    private static String[] optionalStrings(ArtifactMetadata m) {
        return new String[] {m.title(), m.source(), m.origin(), m.originSource(), m.versionSpec(), m.resolvedSha(),
            m.resolvedVersion(), m.version(), m.description(), m.author(), m.license(), m.contentHash(), m.syncError()};
    }

    private static void writeList(ByteBuffersDataOutput out, List<String> values) throws IOException {
        out.writeVInt(values.size());
        for (String value : values) {
            out.writeString(value);
        }
    }

    private static List<String> readList(ByteArrayDataInput in) throws IOException {
        int size = in.readVInt();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readString());
        }
        return values;
    }

    private static void writeInstant(ByteBuffersDataOutput out, Instant instant) throws IOException {
        out.writeZLong(instant.getEpochSecond());
        out.writeVInt(instant.getNano());
    }

    private static Instant readInstant(ByteArrayDataInput in) throws IOException {
        long seconds = in.readZLong();
        return Instant.ofEpochSecond(seconds, in.readVInt());
    }
}
