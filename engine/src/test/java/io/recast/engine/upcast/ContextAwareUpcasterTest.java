package io.recast.engine.upcast;

import static io.recast.engine.event.TestEvents.builder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContextAwareUpcasterTest {

    static final ContextKey<String> BASE = new ContextKey<>("baseIri", String.class);

    /** Turns a resource's relative id into an IRI with its project's base. */
    static final class Resource_1_0_to_1_1 extends ContextAwareUpcaster {
        Resource_1_0_to_1_1() {
            super(EventType.of("Resource", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload, StoredEvent event, UpcastContext context) {
            String project = payload.get("project").asText();
            return payload.put("iri", context.require(BASE, project) + payload.get("id").asText())
                    .put("entity", event.persistenceId());
        }

        @Override
        protected Set<String> upcastTags(Set<String> tags, ObjectNode upcastPayload, StoredEvent event,
                UpcastContext context) {
            return Set.of("project=" + upcastPayload.get("project").asText());
        }
    }

    private final StoredEvent resource = builder("Resource@1.0", "{\"project\":\"p1\",\"id\":\"r7\"}")
            .persistenceId("resource-r7")
            .build();

    @Test
    void reshapesWithLookupsAndTheWholeEvent() {
        UpcastContext context = UpcastContext.builder().put(BASE, "p1", "https://p1/");

        List<StoredEvent> outputs = new Resource_1_0_to_1_1().upcast(resource, context).toList();

        assertEquals(1, outputs.size());
        assertEquals(EventType.of("Resource", "1.1"), outputs.get(0).type());
        assertEquals("https://p1/r7", outputs.get(0).payload().json().get("iri").asText());
        assertEquals("resource-r7", outputs.get(0).payload().json().get("entity").asText());
        assertEquals(Set.of("project=p1"), outputs.get(0).tags());
    }

    @Test
    void aMissingEntryThrowsMissingContextException() {
        MissingContextException e = assertThrows(MissingContextException.class,
                () -> new Resource_1_0_to_1_1().upcast(resource, UpcastContext.empty()));

        assertSame(BASE, e.key());
        assertEquals("p1", e.id());
    }

    @Test
    void namesItsStep() {
        Resource_1_0_to_1_1 upcaster = new Resource_1_0_to_1_1();

        assertEquals(EventType.of("Resource", "1.0"), upcaster.source());
        assertEquals(EventType.of("Resource", "1.1"), upcaster.target());
        assertEquals(Resource_1_0_to_1_1.class.getName(), upcaster.name());
    }

    @Test
    void rejectsEventsOfAnotherType() {
        assertThrows(IllegalArgumentException.class, () -> new Resource_1_0_to_1_1()
                .upcast(resource.toBuilder().type(EventType.of("Other", "1.0")).build(), UpcastContext.empty()));
    }
}
