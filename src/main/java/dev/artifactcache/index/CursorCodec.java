package dev.artifactcache.index;

import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * Cursors: base64url (no padding) of {@code version · sort · request fingerprint · sort values ·
 * CRC32C}. The sort values are those of the last item (for the key, the item's own key), so the
 * next page starts strictly after it in the total order, whatever was inserted or deleted since.
 * The checksum rejects altered cursors; the sort and fingerprint reject cursors of another sort,
 * query or filter set. A cursor is opaque but not secret: it only holds an item's sort values.
 */
final class CursorCodec {

    static final int VERSION = 1;
    static final int MAX_LENGTH = 4096;

    private CursorCodec() {
    }

    static String encode(SortOrder order, int fingerprint, Object[] values) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            out.writeByte((byte) VERSION);
            out.writeByte((byte) order.ordinal());
            out.writeInt(fingerprint);
            SortField[] fields = SortFields.of(order).getSort();
            for (int i = 0; i < fields.length; i++) {
                switch (fields[i].getType()) {
                    case SCORE -> out.writeInt(Float.floatToIntBits((Float) values[i]));
                    case LONG -> out.writeLong(values[i] == null ? Long.MIN_VALUE : (Long) values[i]);
                    case STRING, CUSTOM -> {
                        BytesRef bytes = values[i] == null ? new BytesRef() : (BytesRef) values[i];
                        out.writeVInt(bytes.length);
                        out.writeBytes(bytes.bytes, bytes.offset, bytes.length);
                    }
                    default -> throw new IllegalStateException("no cursor encoding for " + fields[i]);
                }
            }
            byte[] payload = out.toArrayCopy();
            ByteBuffersDataOutput signed = new ByteBuffersDataOutput();
            signed.writeBytes(payload, payload.length);
            signed.writeInt(checksum(payload, payload.length));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed.toArrayCopy());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory output: cannot happen
        }
    }

    /**
     * @return the position to search after; its doc id makes the cursor's own item count as seen
     * @throws InvalidCursorException when the cursor is malformed, altered, or made for another request
     */
    static FieldDoc decode(String cursor, SortOrder order, int fingerprint) {
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException("is too long to be a cursor");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("is not a cursor (not base64url)");
        }
        if (bytes.length < 10) {
            throw new InvalidCursorException("is too short to be a cursor");
        }
        int payloadLength = bytes.length - 4;
        ByteArrayDataInput tail = new ByteArrayDataInput(bytes, payloadLength, 4);
        if (tail.readInt() != checksum(bytes, payloadLength)) {
            throw new InvalidCursorException("was altered or damaged");
        }
        ByteArrayDataInput in = new ByteArrayDataInput(bytes, 0, payloadLength);
        if (in.readByte() != VERSION) {
            throw new InvalidCursorException("comes from another version of the service");
        }
        int sortOrdinal = in.readByte();
        if (sortOrdinal != order.ordinal()) {
            String made = sortOrdinal >= 0 && sortOrdinal < SortOrder.values().length ? SortOrder.values()[sortOrdinal].wire() : "?";
            throw new InvalidCursorException("was made for sort \"" + made + "\", not \"" + order.wire() + "\"");
        }
        if (in.readInt() != fingerprint) {
            throw new InvalidCursorException("was made for a different search text or filters");
        }
        Object[] values = readValues(in, order, payloadLength);
        return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
    }

    private static Object[] readValues(ByteArrayDataInput in, SortOrder order, int payloadLength) {
        SortField[] fields = SortFields.of(order).getSort();
        Object[] values = new Object[fields.length];
        try {
            for (int i = 0; i < fields.length; i++) {
                values[i] = switch (fields[i].getType()) {
                    case SCORE -> Float.intBitsToFloat(in.readInt());
                    case LONG -> in.readLong();
                    case STRING, CUSTOM -> {
                        int length = in.readVInt();
                        if (length < 0 || length > payloadLength - in.getPosition()) {
                            throw new InvalidCursorException("is malformed");
                        }
                        byte[] value = new byte[length];
                        in.readBytes(value, 0, length);
                        yield new BytesRef(value);
                    }
                    default -> throw new IllegalStateException("no cursor encoding for " + fields[i]);
                };
            }
        } catch (RuntimeException e) {
            if (e instanceof InvalidCursorException invalid) {
                throw invalid;
            }
            throw new InvalidCursorException("is malformed");
        }
        if (in.getPosition() != payloadLength) {
            throw new InvalidCursorException("is malformed");
        }
        return values;
    }

    /** A 32-bit digest of {@link RequestKey#results}: a cursor only continues the request it came from. */
    static int fingerprint(SearchRequest request) {
        byte[] bytes = RequestKey.results(request).getBytes(StandardCharsets.UTF_8);
        return checksum(bytes, bytes.length);
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
