package io.recast.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventKeyTest {

    @Test
    void printsPersistenceIdAndSequenceNr() {
        assertEquals("persistenceId=project-1, sequenceNr=3", new EventKey("project-1", 3).toString());
    }

    @Test
    void ordersByPersistenceIdThenSequenceNr() {
        List<EventKey> keys = new ArrayList<>(List.of(
                new EventKey("b", 1), new EventKey("a", 10), new EventKey("a", 2)));

        Collections.sort(keys);

        assertEquals(List.of(new EventKey("a", 2), new EventKey("a", 10), new EventKey("b", 1)), keys);
    }

    @Test
    void rejectsSequenceNumbersBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new EventKey("a", 0));
    }

    @Test
    void rejectsBlankPersistenceId() {
        assertThrows(IllegalArgumentException.class, () -> new EventKey(" ", 1));
    }
}
