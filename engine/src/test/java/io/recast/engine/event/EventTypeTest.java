package io.recast.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void printsNameAtRevision() {
        assertEquals("ResourceCreated@1.0", EventType.of("ResourceCreated", "1.0").toString());
    }

    @Test
    void parsesTheFormItPrints() {
        EventType type = EventType.of("ResourceEvent$Created", "1.1");

        assertEquals(type, EventType.parse(type.toString()));
    }

    @Test
    void parsesTheRevisionAfterTheLastAtSign() {
        assertEquals(EventType.of("user@host", "2"), EventType.parse("user@host@2"));
    }

    @Test
    void rejectsTextWithoutRevisionAndShowsTheExpectedForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventType.parse("Foo"));

        assertTrue(e.getMessage().contains("Name@revision"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventType.parse("Foo@"));
        assertThrows(IllegalArgumentException.class, () -> EventType.parse("@1.0"));
    }

    @Test
    void rejectsBlankNameOrRevision() {
        assertThrows(IllegalArgumentException.class, () -> EventType.of(" ", "1.0"));
        assertThrows(IllegalArgumentException.class, () -> EventType.of("Foo", ""));
        assertThrows(NullPointerException.class, () -> EventType.of(null, "1.0"));
    }

    @Test
    void withRevisionKeepsTheName() {
        assertEquals(EventType.of("Foo", "1.1"), EventType.of("Foo", "1.0").withRevision("1.1"));
    }
}
