package io.recast.engine.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.ContextAwareUpcaster;
import io.recast.engine.upcast.ContextKey;
import io.recast.engine.upcast.EventTypeUpcaster;
import io.recast.engine.upcast.InvalidUpcasterChainException;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.Upcaster;
import io.recast.engine.upcast.UpcasterChain;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UpcasterFixtureTest {

    static final ContextKey<String> BASE = new ContextKey<>("baseIri", String.class);

    static final class Resource_1_0_to_1_1 extends ContextAwareUpcaster {
        Resource_1_0_to_1_1() {
            super(EventType.of("Resource", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload, StoredEvent event, UpcastContext context) {
            return payload.put("iri", context.require(BASE, payload.get("project").asText()) + event.persistenceId());
        }
    }

    /** Targets its own revision, which no chain allows. */
    static final class Standstill implements Upcaster {
        @Override
        public EventType source() {
            return EventType.of("A", "1.0");
        }

        @Override
        public String targetRevision() {
            return "1.0";
        }

        @Override
        public Stream<StoredEvent> upcast(StoredEvent event, UpcastContext context) {
            return Stream.of(event);
        }
    }

    private final UpcasterFixture resources = UpcasterFixture.forUpcaster(new Resource_1_0_to_1_1());

    @Test
    void givesEventsTheFixtureDefaultsAndLeavesThemUndecoded() {
        StoredEvent event = resources.given("Resource@1.0", "{\"project\":\"p\"}", Set.of("t")).event();

        assertEquals(UpcasterFixture.PERSISTENCE_ID, event.persistenceId());
        assertEquals(1, event.sequenceNr());
        assertEquals(UpcasterFixture.TIMESTAMP, event.timestamp());
        assertEquals(UpcasterFixture.SERIALIZER_ID, event.serializerId());
        assertEquals(Set.of("t"), event.tags());
        assertFalse(event.payload().isDecoded());
    }

    @Test
    void withContextGivesTheContextToTheUpcasterAndLeavesTheFixtureAlone() {
        UpcasterFixture withBase = resources.withContext(UpcastContext.builder().put(BASE, "p", "https://p/"));

        withBase.given("Resource@1.0", "{\"project\":\"p\"}")
                .expectEvent("Resource@1.1", "{\"project\":\"p\",\"iri\":\"https://p/fixture-entity-1\"}");
        resources.given("Resource@1.0", "{\"project\":\"p\"}").expectFailure(UpcastErrorCode.MISSING_CONTEXT);
    }

    @Test
    void aWholeEventKeepsItsKey() {
        StoredEvent event = StoredEvent.builder().persistenceId("resource-9").sequenceNr(4).timestamp(UpcasterFixture.TIMESTAMP)
                .type(EventType.of("Resource", "1.0"))
                .payload(Payload.ofBytes("{\"project\":\"p\"}".getBytes(StandardCharsets.UTF_8)))
                .build();

        StoredEvent output = resources.withContext(UpcastContext.builder().put(BASE, "p", "https://p/"))
                .given(event)
                .expectEvent(EventType.of("Resource", "1.1"), "{\"project\":\"p\",\"iri\":\"https://p/resource-9\"}");

        assertEquals(event.key(), output.key());
    }

    @Test
    void forUpcasterLetsOtherEventsAtTheTargetRevisionPassAndFlagsOthersAtTheSourceRevision() {
        resources.given(EventType.of("Project", "1.1"), "{}").expectUnchanged();
        resources.given(EventType.of("Project", "1.0"), "{}").expectFailure(UpcastErrorCode.MISSING_UPCASTER);
        resources.given("Project@0.9", "{}").expectFailure(UpcastErrorCode.UNKNOWN_REVISION);
    }

    @Test
    void forChainRunsEveryStep() {
        UpcasterChain chain = UpcasterChain.builder().revisions("1.0", "1.1", "1.2")
                .add(EventTypeUpcaster.from("A", "1.0").toRevision("1.1"))
                .add(EventTypeUpcaster.from("A", "1.1").to("B", "1.2"))
                .build();
        UpcasterFixture fixture = UpcasterFixture.forChain(chain);

        fixture.given("A@1.0", "{\"x\":1}").expectEvent("B@1.2", "{\"x\":1}");
        assertSame(chain, fixture.chain());
        assertEquals(List.of("1.0", "1.1", "1.2"), fixture.chain().revisions());
    }

    @Test
    void forUpcasterRejectsAnUpcasterThatDoesNotMoveForward() {
        InvalidUpcasterChainException e = assertThrows(InvalidUpcasterChainException.class,
                () -> UpcasterFixture.forUpcaster(new Standstill()));

        assertTrue(e.getMessage().contains("Revision 1.0 is declared twice"), e.getMessage());
    }
}
