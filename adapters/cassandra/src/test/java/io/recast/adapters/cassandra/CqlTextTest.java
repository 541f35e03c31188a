package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CqlTextTest {

    @Test
    void textDecodesWhatTheDriverEncodesIncludingUnicode() {
        for (String value : List.of("", "resource-1", "présent|pipe space", "日本語 ✓ 😀")) {
            ByteBuffer bytes = TypeCodecs.TEXT.encode(value, ProtocolVersion.DEFAULT);

            assertEquals(value, CqlText.text(bytes));
            assertEquals(value, TypeCodecs.TEXT.decode(bytes, ProtocolVersion.DEFAULT), "the buffer is not consumed");
        }
        assertNull(CqlText.text(null));
    }

    @Test
    void textDecodesFromADirectBufferAndAnOffsetSlice() {
        ByteBuffer heap = TypeCodecs.TEXT.encode("x-ü-y", ProtocolVersion.DEFAULT);
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining()).put(heap.duplicate()).flip();
        ByteBuffer padded = ByteBuffer.allocate(heap.remaining() + 3).put(new byte[3]).put(heap.duplicate());
        ByteBuffer slice = padded.position(3).slice();

        assertEquals("x-ü-y", CqlText.text(direct));
        assertEquals("x-ü-y", CqlText.text(slice));
    }

    @Test
    void aSetOfTextDecodesWhatTheDriverEncodes() {
        Set<String> tags = new LinkedHashSet<>(List.of("resource", "project=9b7c-ü", "type=https://x/y#Z", ""));
        ByteBuffer bytes = TypeCodecs.setOf(TypeCodecs.TEXT).encode(tags, ProtocolVersion.DEFAULT);

        assertEquals(tags, CqlText.textSet(bytes));
        assertEquals(Set.of(), CqlText.textSet(null));
        assertEquals(Set.of(), CqlText.textSet(TypeCodecs.setOf(TypeCodecs.TEXT).encode(Set.of(),
                ProtocolVersion.DEFAULT)));
    }

    @Test
    void aSetOfTextKeepsTheStoredOrder() {
        Set<String> tags = new LinkedHashSet<>(List.of("b", "a", "c"));
        ByteBuffer bytes = TypeCodecs.setOf(TypeCodecs.TEXT).encode(tags, ProtocolVersion.DEFAULT);

        assertEquals(List.copyOf(TypeCodecs.setOf(TypeCodecs.TEXT).decode(bytes, ProtocolVersion.DEFAULT)),
                List.copyOf(CqlText.textSet(bytes)));
    }

    @Test
    void fixedSizeValuesAndBlobsDecodeAsTheDriverDecodesThem() {
        ProtocolVersion v = ProtocolVersion.DEFAULT;
        for (long value : new long[] {0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1_234_567_890_123L}) {
            assertEquals(value, CqlText.bigint(TypeCodecs.BIGINT.encode(value, v)));
        }
        for (int value : new int[] {0, 1, -1, 31, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertEquals(value, CqlText.int32(TypeCodecs.INT.encode(value, v)));
        }
        java.util.UUID timeBased = com.datastax.oss.driver.api.core.uuid.Uuids.timeBased();
        ByteBuffer timeuuid = TypeCodecs.TIMEUUID.encode(timeBased, v);
        assertEquals(timeBased, CqlText.uuid(timeuuid));
        assertEquals(timeBased, TypeCodecs.TIMEUUID.decode(timeuuid, v), "the buffer is not consumed");
        java.util.UUID random = java.util.UUID.randomUUID();
        assertEquals(random, CqlText.uuid(TypeCodecs.UUID.encode(random, v)));
        ByteBuffer blob = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9}, 1, 3).slice();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2, 3}, CqlText.blob(blob));
        assertEquals(3, blob.remaining(), "the buffer is not consumed");

        // null and empty values, as a row's typed getters give them
        assertEquals(0L, CqlText.bigint(null));
        assertEquals(0L, CqlText.bigint(ByteBuffer.allocate(0)));
        assertEquals(0, CqlText.int32(null));
        assertNull(CqlText.uuid(null));
        assertNull(CqlText.uuid(ByteBuffer.allocate(0)));
        assertNull(CqlText.blob(null));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CqlText.bigint(ByteBuffer.allocate(4)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CqlText.uuid(ByteBuffer.allocate(8)));
    }
}
