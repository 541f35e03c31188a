package io.recast.engine.upcast;

import static io.recast.engine.event.TestEvents.builder;
import static io.recast.engine.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContextPassTest {

    static final ContextKey<String> BASE = new ContextKey<>("baseIri", String.class);

    /** Puts each project's base IRI under the project's persistence id. */
    static final class ProjectBaseCollector implements ContextCollector {

        final List<EventType> seen = new ArrayList<>();

        @Override
        public boolean collects(EventType type) {
            return type.name().equals("ProjectCreated");
        }

        @Override
        public void collect(StoredEvent event, MutableUpcastContext context) {
            seen.add(event.type());
            context.put(BASE, event.persistenceId(), event.payload().json().get("base").asText());
        }
    }

    @Test
    void feedsCollectorsOnlyTheTypesTheyCollectAndLeavesOthersUndecoded() {
        ProjectBaseCollector collector = new ProjectBaseCollector();
        ContextPass pass = new ContextPass(List.of(collector));
        StoredEvent project = builder("ProjectCreated@1.0", "{\"base\":\"https://p1/\"}").persistenceId("p1").build();
        StoredEvent resource = event("ResourceCreated@1.0", "{\"id\":\"r1\"}");

        pass.accept(project);
        pass.accept(resource);

        assertEquals(List.of(EventType.of("ProjectCreated", "1.0")), collector.seen);
        assertFalse(resource.payload().isDecoded());
        assertEquals(Optional.of("https://p1/"), pass.context().get(BASE, "p1"));
        assertTrue(pass.failures().isEmpty());
    }

    @Test
    void recordsACollectorFailureAndGoesOn() {
        ContextPass pass = new ContextPass(List.of(new ProjectBaseCollector()));

        pass.accept(builder("ProjectCreated@1.0", "{}").persistenceId("p1").sequenceNr(3).build());
        pass.accept(builder("ProjectCreated@1.0", "{\"base\":\"https://p2/\"}").persistenceId("p2").build());

        assertEquals(1, pass.failures().size());
        UpcastFailure failure = pass.failures().get(0);
        assertEquals(UpcastErrorCode.UPCASTER_FAILED, failure.code());
        assertEquals(ProjectBaseCollector.class.getName(), failure.upcaster());
        assertTrue(failure.message().contains("persistenceId=p1, sequenceNr=3"), failure.message());
        assertEquals(Optional.of("https://p2/"), pass.context().get(BASE, "p2"));
    }

    @Test
    void recordsAMalformedPayloadAsSuch() {
        ContextPass pass = new ContextPass(List.of(new ProjectBaseCollector()));

        pass.accept(event("ProjectCreated@1.0", "{\"base\":"));

        assertEquals(UpcastErrorCode.MALFORMED_PAYLOAD, pass.failures().get(0).code());
    }

    @Test
    void isNeededOnlyWithCollectors() {
        assertFalse(new ContextPass(List.of()).isNeeded());
        assertTrue(new ContextPass(List.of(new ProjectBaseCollector())).isNeeded());
    }
}
