package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.recast.engine.event.TagSet;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CqlValuesTest {

    private static final ProtocolVersion V = ProtocolVersion.DEFAULT;

    @Test
    void textEncodesAsTheDriverDoesIncludingUnicode() {
        for (String value : List.of("", "resource-1", "présent|pipe space", "日本語 ✓ 😀")) {
            assertEquals(TypeCodecs.TEXT.encode(value, V), CqlValues.text(value), value);
            assertEquals(value, CqlText.text(CqlValues.text(value)));
        }
        assertNull(CqlValues.text(null));
    }

    @Test
    void numbersAndUuidsEncodeAsTheDriverDoes() {
        for (long value : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1_733_480_000_000_123L}) {
            assertEquals(TypeCodecs.BIGINT.encode(value, V), CqlValues.bigint(value));
            assertEquals(value, CqlText.bigint(CqlValues.bigint(value)));
        }
        for (int value : new int[] {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertEquals(TypeCodecs.INT.encode(value, V), CqlValues.int32(value));
        }
        assertNull(CqlValues.int32(null));
        UUID timeBased = Uuids.timeBased();
        assertEquals(TypeCodecs.TIMEUUID.encode(timeBased, V), CqlValues.uuid(timeBased));
        assertEquals(timeBased, CqlText.uuid(CqlValues.uuid(timeBased)));
        assertNull(CqlValues.uuid(null));
    }

    @Test
    void aBlobWrapsTheArrayWithoutCopying() {
        byte[] payload = "{\"a\":1}".getBytes();
        ByteBuffer bytes = CqlValues.blob(payload);

        assertEquals(TypeCodecs.BLOB.encode(ByteBuffer.wrap(payload), V), bytes);
        assertEquals(payload, bytes.array());
        assertNull(CqlValues.blob(null));
    }

    @Test
    void aSetOfTextEncodesAsTheDriverDoesInItsOrder() {
        Set<String> tags = new LinkedHashSet<>(List.of("resource", "project=9b7c-ü", "type=https://x/y#Z", ""));
        ByteBuffer bytes = CqlValues.textSet(tags);

        assertEquals(TypeCodecs.setOf(TypeCodecs.TEXT).encode(tags, V), bytes);
        assertEquals(List.copyOf(tags), List.copyOf(CqlText.textSet(bytes)));
        assertEquals(TypeCodecs.setOf(TypeCodecs.TEXT).encode(Set.of(), V), CqlValues.textSet(TagSet.of()),
                "an empty set is a count of 0, as the driver sends it");
        assertNull(CqlValues.textSet(null));
    }

    @Test
    void aSetHoldingNullIsRefused() {
        Set<String> withNull = new LinkedHashSet<>(Arrays.asList("a", null));

        assertThrows(IllegalArgumentException.class, () -> CqlValues.textSet(withNull));
    }
}
