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
}
