package io.recast.engine.upcast;

import static io.recast.engine.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import org.junit.jupiter.api.Test;

class DroppingUpcasterTest {

    static final class Ping_1_0_to_1_1 extends DroppingUpcaster {
        Ping_1_0_to_1_1() {
            super(EventType.of("Ping", "1.0"), "1.1");
        }
    }

    @Test
    void producesNoEventsAndDoesNotDecode() {
        StoredEvent ping = event("Ping@1.0", "{}");

        assertEquals(0, DroppingUpcaster.of(EventType.of("Ping", "1.0"), "1.1").upcast(ping, UpcastContext.empty()).count());
        assertFalse(ping.payload().isDecoded());
    }

    @Test
    void aDropMadeByTheFactoryIsNamedByItsStep() {
        assertEquals("io.recast.engine.upcast.DroppingUpcaster(Ping@1.0 at 1.1)",
                DroppingUpcaster.of(EventType.of("Ping", "1.0"), "1.1").name());
    }

    @Test
    void aSubclassIsNamedByItsClass() {
        Ping_1_0_to_1_1 upcaster = new Ping_1_0_to_1_1();

        assertEquals(Ping_1_0_to_1_1.class.getName(), upcaster.name());
        assertEquals(EventType.of("Ping", "1.0"), upcaster.source());
        assertEquals("1.1", upcaster.targetRevision());
    }

    @Test
    void rejectsEventsOfAnotherType() {
        assertThrows(IllegalArgumentException.class,
                () -> new Ping_1_0_to_1_1().upcast(event("Pong@1.0", "{}"), UpcastContext.empty()));
    }
}
