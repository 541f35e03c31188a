package io.recast.adapters.cassandra;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Decodes {@code text} and {@code set<text>} values from their bytes as the native protocol carries them, straight
 * into {@link String}s (the JDK's own UTF-8 fast path, a copy for ASCII) and an immutable set: the driver's codecs go
 * through a {@code CharsetDecoder} and a {@code LinkedHashSet}, which cost about a third of a dry run's reading.
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

    /** A {@code set<text>} value: count, then each element's length and bytes; empty for {@code null}. */
    static Set<String> textSet(ByteBuffer bytes) {
        if (bytes == null || bytes.remaining() == 0) {
            return Set.of();
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
        return Set.of(elements);
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
