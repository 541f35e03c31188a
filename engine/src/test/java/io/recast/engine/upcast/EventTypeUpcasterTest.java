package io.recast.engine.upcast;

import static io.recast.engine.event.TestEvents.builder;
import static io.recast.engine.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypeUpcasterTest {

    @Test
    void renamesWithoutDecodingThePayload() {
        StoredEvent old = builder("FileCreated@1.0", "{\"not json at all").tags("file").build();

        List<StoredEvent> outputs = EventTypeUpcaster.from("FileCreated", "1.0").to("FileUploaded", "1.1")
                .upcast(old, UpcastContext.empty()).toList();

        assertEquals(1, outputs.size());
        StoredEvent renamed = outputs.get(0);
        assertEquals(EventType.of("FileUploaded", "1.1"), renamed.type());
        assertSame(old.payload(), renamed.payload());
        assertFalse(renamed.payload().isDecoded());
        assertEquals(old.key(), renamed.key());
        assertEquals(old.tags(), renamed.tags());
    }

    @Test
    void toRevisionKeepsTheName() {
        EventTypeUpcaster upcaster = EventTypeUpcaster.from(EventType.of("FileDeleted", "1.0")).toRevision("1.1");

        assertEquals(EventType.of("FileDeleted", "1.1"), upcaster.target());
        assertEquals("1.1", upcaster.targetRevision());
        assertEquals(EventType.of("FileDeleted", "1.0"), upcaster.source());
    }

    @Test
    void refusesAnUpcasterToItsOwnType() {
        assertThrows(IllegalArgumentException.class, () -> EventTypeUpcaster.from("A", "1.0").to("A", "1.0"));
    }

    @Test
    void isNamedByItsStepSinceAllRenamesShareTheClass() {
        assertEquals("io.recast.engine.upcast.EventTypeUpcaster(A@1.0 -> B@1.1)",
                EventTypeUpcaster.from("A", "1.0").to("B", "1.1").name());
    }

    @Test
    void rejectsEventsOfAnotherType() {
        assertThrows(IllegalArgumentException.class, () -> EventTypeUpcaster.from("A", "1.0").to("B", "1.1")
                .upcast(event("A@1.1", "{}"), UpcastContext.empty()));
    }
}
