package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JournalWritesTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void writesSinceSumsTheNodesCounts() {
        JournalWrites.Reading before = new JournalWrites.Reading(Map.of(A, 10L, B, 5L));
        JournalWrites.Reading after = new JournalWrites.Reading(Map.of(A, 12L, B, 6L));

        assertEquals(3, after.writesSince(before));
        assertEquals(0, before.writesSince(before));
    }

    @Test
    void aNodeThatJoinedLeftOrRestartedMakesTheCountUnknown() {
        JournalWrites.Reading both = new JournalWrites.Reading(Map.of(A, 10L, B, 5L));
        JournalWrites.Reading onlyA = new JournalWrites.Reading(Map.of(A, 10L));
        JournalWrites.Reading restarted = new JournalWrites.Reading(Map.of(A, 10L, B, 0L));

        assertEquals(-1, onlyA.writesSince(both));
        assertEquals(-1, both.writesSince(onlyA));
        assertEquals(-1, restarted.writesSince(both));
    }
}
