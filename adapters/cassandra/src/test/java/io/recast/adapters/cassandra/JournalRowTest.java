package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JournalRowTest {

    private static final UUID TIMESTAMP = UUID.fromString("0b7c4a40-5d1e-11ef-8000-000000000001");

    private static JournalRow row(byte[] event, byte[] meta, Set<String> tags) {
        return new JournalRow("order-1", 0, 7, TIMESTAMP, "1723600800000", "writer-a", 33, "OrderPlaced", "",
                event, meta == null ? null : 4, meta == null ? null : "M", meta, tags);
    }

    @Test
    void rowsWithEqualContentInDifferentArraysAreEqual() {
        JournalRow one = row(new byte[] {1, 2, 3}, new byte[] {9}, Set.of("orders"));
        JournalRow other = row(new byte[] {1, 2, 3}, new byte[] {9}, Set.of("orders"));

        assertEquals(one, other);
        assertEquals(one.hashCode(), other.hashCode());
    }

    @Test
    void rowsDifferingInOnePayloadByteAreNotEqual() {
        JournalRow one = row(new byte[] {1, 2, 3}, new byte[] {9}, Set.of());

        assertNotEquals(one, row(new byte[] {1, 2, 4}, new byte[] {9}, Set.of()));
        assertNotEquals(one, row(new byte[] {1, 2, 3}, new byte[] {8}, Set.of()));
        assertNotEquals(one, row(new byte[] {1, 2, 3}, null, Set.of()));
    }

    @Test
    void toStringShowsPayloadSizesInsteadOfPayloads() {
        JournalRow row = row("secret-customer-data".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[] {1, 2}, Set.of("orders"));

        String text = row.toString();

        assertTrue(text.contains("event=20 bytes"), text);
        assertTrue(text.contains("meta=2 bytes"), text);
        assertTrue(text.contains("sequenceNr=7"), text);
        assertFalse(text.contains("secret"), text);
        assertFalse(text.contains("[B@"), text);
        assertTrue(row(new byte[0], null, Set.of()).toString().contains("meta=null"));
    }

    @Test
    void tagsAreCopiedAndAbsentTagsAreEmpty() {
        Set<String> tags = new HashSet<>(Set.of("a"));
        JournalRow row = row(new byte[0], null, tags);
        tags.add("b");

        assertEquals(Set.of("a"), row.tags());
        assertEquals(Set.of(), row(new byte[0], null, null).tags());
        assertFalse(row(new byte[0], null, null).hasMeta());
    }

    @Test
    void requiresTheKeyColumnsAndTheEvent() {
        assertThrows(NullPointerException.class, () -> row(null, null, Set.of()));
        assertThrows(NullPointerException.class, () -> new JournalRow(null, 0, 1, TIMESTAMP, null, null, 0, null,
                null, new byte[0], null, null, null, null));
    }
}
