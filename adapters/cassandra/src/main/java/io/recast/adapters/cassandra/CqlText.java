package io.recast.adapters.cassandra;

import io.recast.engine.event.TagSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * Decodes {@code text} and {@code set<text>} values from their bytes as the native protocol carries them, straight
 * into {@link String}s (the JDK's own UTF-8 fast path, a copy for ASCII) and an immutable set: the driver's codecs go
 * through a {@code CharsetDecoder} and a {@code LinkedHashSet}, which cost about a third of a dry run's reading.
 * Also the fixed-size columns of the journal ({@code bigint}, {@code int}, {@code uuid}) and {@code blob}s, decoded
 * as the driver's codecs decode them but without the codec lookup by Java type that each typed getter of a row does.
 */
final class CqlText {

    private CqlText() {
    }

    /** A {@code text} value, or {@code null}. */
    static String text(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        return string(bytes, bytes.position(), bytes.remaining());
    }

    /**
     * A {@code set<text>} value: count, then each element's length and bytes; empty for {@code null}. The set keeps
     * the stored order (as the driver's codec does) and is an event's own {@link TagSet}, which events built from it
     * share rather than copy.
     */
    static Set<String> textSet(ByteBuffer bytes) {
        if (bytes == null || bytes.remaining() == 0) {
            return TagSet.of();
        }
        int position = bytes.position();
        int count = bytes.getInt(position);
        position += 4;
        String[] elements = new String[count];
        for (int i = 0; i < count; i++) {
            int length = bytes.getInt(position);
            position += 4;
            if (length < 0) {
                throw new IllegalArgumentException("A set<text> holds a null element");
            }
            elements[i] = string(bytes, position, length);
            position += length;
        }
        return TagSet.ofOwnedArray(elements);
    }

    /** A {@code bigint} value; 0 for {@code null} or empty, as {@code Row.getLong}. */
    static long bigint(ByteBuffer bytes) {
        if (bytes == null || bytes.remaining() == 0) {
            return 0L;
        }
        if (bytes.remaining() != 8) {
            throw new IllegalArgumentException("Invalid 64-bits long value, expecting 8 bytes but got "
                    + bytes.remaining());
        }
        return bytes.getLong(bytes.position());
    }

    /** An {@code int} value; 0 for {@code null} or empty, as {@code Row.getInt}. */
    static int int32(ByteBuffer bytes) {
        if (bytes == null || bytes.remaining() == 0) {
            return 0;
        }
        if (bytes.remaining() != 4) {
            throw new IllegalArgumentException("Invalid 32-bits integer value, expecting 4 bytes but got "
                    + bytes.remaining());
        }
        return bytes.getInt(bytes.position());
    }

    /** A {@code uuid} (or {@code timeuuid}) value, or {@code null} for {@code null} or empty, as {@code Row.getUuid}. */
    static UUID uuid(ByteBuffer bytes) {
        if (bytes == null || bytes.remaining() == 0) {
            return null;
        }
        if (bytes.remaining() != 16) {
            throw new IllegalArgumentException("Unexpected number of bytes for a UUID, expected 16, got "
                    + bytes.remaining());
        }
        return new UUID(bytes.getLong(bytes.position()), bytes.getLong(bytes.position() + 8));
    }

    /** A {@code blob} value as a fresh array, or {@code null}. */
    static byte[] blob(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(bytes.position(), copy);
        return copy;
    }

    private static String string(ByteBuffer bytes, int position, int length) {
        if (length == 0) {
            return "";
        }
        if (bytes.hasArray()) {
            return new String(bytes.array(), bytes.arrayOffset() + position, length, StandardCharsets.UTF_8);
        }
        byte[] copy = new byte[length];
        bytes.get(position, copy);
        return new String(copy, StandardCharsets.UTF_8);
    }
}
