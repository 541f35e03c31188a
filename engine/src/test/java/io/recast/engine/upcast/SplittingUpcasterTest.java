package io.recast.engine.upcast;

import static io.recast.engine.event.TestEvents.builder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplittingUpcasterTest {

    /** Splits a created-and-tagged event in two; drops it when it has no id; writes a wrong revision on demand. */
    static final class CreatedAndTagged_1_0_to_1_1 extends SplittingUpcaster {
        CreatedAndTagged_1_0_to_1_1() {
            super(EventType.of("CreatedAndTagged", "1.0"), "1.1");
        }

        @Override
        protected List<Part> split(ObjectNode payload, StoredEvent event, UpcastContext context) {
            if (!payload.has("id")) {
                return List.of();
            }
            String revision = payload.path("wrong").asBoolean() ? "1.2" : "1.1";
            ObjectNode created = payload.objectNode().put("id", payload.get("id").asText());
            ObjectNode tagged = payload.objectNode().put("id", payload.get("id").asText()).put("tag", payload.get("tag").asText());
            return List.of(
                    new Part(EventType.of("Created", revision), created, event.tags()),
                    new Part(EventType.of("Tagged", "1.1"), tagged, Set.of("tagged")));
        }
    }

    private final CreatedAndTagged_1_0_to_1_1 upcaster = new CreatedAndTagged_1_0_to_1_1();

    @Test
    void producesOneEventPerPartInOrderWithTheSourceKey() {
        StoredEvent source = builder("CreatedAndTagged@1.0", "{\"id\":\"r1\",\"tag\":\"v1\"}").tags("resource").build();

        List<StoredEvent> outputs = upcaster.upcast(source, UpcastContext.empty()).toList();

        assertEquals(2, outputs.size());
        assertEquals(EventType.of("Created", "1.1"), outputs.get(0).type());
        assertEquals("{\"id\":\"r1\"}", outputs.get(0).payload().text());
        assertEquals(Set.of("resource"), outputs.get(0).tags());
        assertEquals(EventType.of("Tagged", "1.1"), outputs.get(1).type());
        assertEquals("{\"id\":\"r1\",\"tag\":\"v1\"}", outputs.get(1).payload().text());
        assertEquals(Set.of("tagged"), outputs.get(1).tags());
        for (StoredEvent output : outputs) {
            assertEquals(source.key(), output.key());
            assertEquals(source.timestamp(), output.timestamp());
        }
    }

    @Test
    void anEmptyListDropsTheEvent() {
        assertEquals(0, upcaster.upcast(builder("CreatedAndTagged@1.0", "{}").build(), UpcastContext.empty()).count());
    }

    @Test
    void aPartAtAnotherRevisionIsAnErrorNamingIt() {
        StoredEvent source = builder("CreatedAndTagged@1.0", "{\"id\":\"r1\",\"tag\":\"v\",\"wrong\":true}").build();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> upcaster.upcast(source, UpcastContext.empty()).toList());

        assertTrue(e.getMessage().contains("Created@1.2"), e.getMessage());
    }

    @Test
    void partsKeepTagOrderAndCannotBeChanged() {
        Set<String> tags = new LinkedHashSet<>(List.of("z", "a"));
        SplittingUpcaster.Part part = new SplittingUpcaster.Part(EventType.of("A", "1"),
                JsonNodeFactory.instance.objectNode(), tags);

        tags.add("b");

        assertEquals(List.of("z", "a"), new ArrayList<>(part.tags()));
        assertThrows(UnsupportedOperationException.class, () -> part.tags().add("c"));
    }

    @Test
    void rejectsEventsOfAnotherType() {
        assertThrows(IllegalArgumentException.class,
                () -> upcaster.upcast(builder("Other@1.0", "{}").build(), UpcastContext.empty()));
    }
}
