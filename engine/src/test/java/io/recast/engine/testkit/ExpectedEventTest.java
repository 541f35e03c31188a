package io.recast.engine.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recast.engine.event.EventType;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectedEventTest {

    @Test
    void readsTheTypeWrittenAsNameAtRevision() {
        assertEquals(EventType.of("OrderPlaced", "1.1"), ExpectedEvent.event("OrderPlaced@1.1", "{}").type());
    }

    @Test
    void checksTagsOnlyWhenGiven() {
        assertEquals(Optional.empty(), ExpectedEvent.event("A@1", "{}").tags());
        assertEquals(Optional.of(Set.of("t")), ExpectedEvent.event("A@1", "{}", Set.of("t")).tags());
    }

    @Test
    void printsTypeAndCheckedTags() {
        assertEquals("A@1", ExpectedEvent.event(EventType.of("A", "1"), "{}").toString());
        assertEquals("A@1 tags=[t]", ExpectedEvent.event(EventType.of("A", "1"), "{}", Set.of("t")).toString());
    }
}
