package io.recast.engine.upcast;

import static io.recast.engine.event.TestEvents.builder;
import static io.recast.engine.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UpcasterChainTest {

    static final class Order_1_0_to_1_1 extends SingleEventUpcaster {
        Order_1_0_to_1_1() {
            super(EventType.of("Order", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            payload.set("total", payload.remove("amount"));
            return payload;
        }
    }

    static final class OtherOrder_1_0_to_1_1 extends SingleEventUpcaster {
        OtherOrder_1_0_to_1_1() {
            super(EventType.of("Order", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            return payload;
        }
    }

    static final class Order_1_1_to_1_2 extends SingleEventUpcaster {
        Order_1_1_to_1_2() {
            super(EventType.of("Order", "1.1"), "1.2");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            return payload.put("currency", "EUR");
        }
    }

    static final class Order_1_0_to_1_2 extends SingleEventUpcaster {
        Order_1_0_to_1_2() {
            super(EventType.of("Order", "1.0"), "1.2");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            return payload;
        }
    }

    static final class Order_1_1_to_1_0 extends SingleEventUpcaster {
        Order_1_1_to_1_0() {
            super(EventType.of("Order", "1.1"), "1.0");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            return payload;
        }
    }

    /** Splits a bundle into one order per item and a note. */
    static final class Bundle_1_0_to_1_1 extends SplittingUpcaster {
        Bundle_1_0_to_1_1() {
            super(EventType.of("Bundle", "1.0"), "1.1");
        }

        @Override
        protected List<Part> split(ObjectNode payload, StoredEvent event, UpcastContext context) {
            List<Part> parts = new ArrayList<>();
            for (JsonNode item : payload.get("items")) {
                parts.add(new Part(EventType.of("Order", "1.1"), payload.objectNode().set("total", item), event.tags()));
            }
            parts.add(new Part(EventType.of("Note", "1.1"), payload.objectNode().put("text", "bundle"), event.tags()));
            return parts;
        }
    }

    static final class Boom_1_0_to_1_1 extends SingleEventUpcaster {
        Boom_1_0_to_1_1() {
            super(EventType.of("Boom", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            throw new IllegalStateException("boom");
        }
    }

    static final class NeedsContext_1_0_to_1_1 extends ContextAwareUpcaster {
        static final ContextKey<String> BASE = new ContextKey<>("baseIri", String.class);

        NeedsContext_1_0_to_1_1() {
            super(EventType.of("NeedsContext", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload, StoredEvent event, UpcastContext context) {
            return payload.put("base", context.require(BASE, "project-1"));
        }
    }

    /** Breaks the contract in the way its payload's "mode" field asks for. */
    static final class Rogue_1_0_to_1_1 implements Upcaster {
        @Override
        public EventType source() {
            return EventType.of("Rogue", "1.0");
        }

        @Override
        public String targetRevision() {
            return "1.1";
        }

        @Override
        public Stream<StoredEvent> upcast(StoredEvent event, UpcastContext context) {
            String mode = event.payload().json().get("mode").asText();
            StoredEvent.Builder output = event.toBuilder().type(EventType.of("Rogue", "1.1"));
            switch (mode) {
                case "null-stream":
                    return null;
                case "wrong-revision":
                    return Stream.of(output.type(EventType.of("Rogue", "1.2")).build());
                case "other-key":
                    return Stream.of(output.sequenceNr(event.sequenceNr() + 1).build());
                case "lazy-throw":
                    return Stream.of(1).map(i -> {
                        throw new UnsupportedOperationException("thrown while the stream is read");
                    });
                default:
                    return Stream.of(output.build());
            }
        }
    }

    private static UpcasterChain.Builder threeRevisions() {
        return UpcasterChain.builder().revisions("1.0", "1.1", "1.2");
    }

    private static UpcasterChain orders() {
        return threeRevisions()
                .add(new Order_1_0_to_1_1())
                .add(new Order_1_1_to_1_2())
                .add(new Bundle_1_0_to_1_1())
                .add(EventTypeUpcaster.from("Note", "1.1").to("Remark", "1.2"))
                .add(EventTypeUpcaster.from("File", "1.0").toRevision("1.1"))
                .add(EventTypeUpcaster.from("File", "1.1").to("Document", "1.2"))
                .add(DroppingUpcaster.of(EventType.of("Ping", "1.0"), "1.1"))
                .build();
    }

    private static UpcastFailure failure(UpcastOutcome outcome) {
        return assertInstanceOf(UpcastOutcome.Failed.class, outcome).failure();
    }

    @Test
    void skipsEventsAlreadyAtTheFinalRevisionWithoutDecodingThem() {
        StoredEvent current = event("Order@1.2", "{\"total\":3}");

        UpcastOutcome outcome = orders().upcast(current);

        assertSame(current, assertInstanceOf(UpcastOutcome.Unchanged.class, outcome).event());
        assertFalse(current.payload().isDecoded());
    }

    @Test
    void passesUnmatchedTypesAtTheFinalRevisionThroughUndecoded() {
        StoredEvent other = event("Unrelated@1.2", "{\"not\": json");

        UpcastOutcome outcome = orders().upcast(other);

        assertInstanceOf(UpcastOutcome.Unchanged.class, outcome);
        assertFalse(other.payload().isDecoded());
    }

    @Test
    void appliesOneStepAfterAnotherUntilTheFinalRevision() {
        UpcastOutcome.Upcast upcast = assertInstanceOf(UpcastOutcome.Upcast.class,
                orders().upcast(event("Order@1.0", "{\"amount\":3}")));

        assertEquals(1, upcast.outputs().size());
        assertEquals(EventType.of("Order", "1.2"), upcast.outputs().get(0).type());
        assertEquals("{\"total\":3,\"currency\":\"EUR\"}", upcast.outputs().get(0).payload().text());
        assertEquals(List.of(Order_1_0_to_1_1.class.getName(), Order_1_1_to_1_2.class.getName()),
                upcast.appliedUpcasters());
    }

    @Test
    void startsAtTheEventsOwnRevision() {
        UpcastOutcome.Upcast upcast = assertInstanceOf(UpcastOutcome.Upcast.class,
                orders().upcast(event("Order@1.1", "{\"total\":3}")));

        assertEquals(List.of(Order_1_1_to_1_2.class.getName()), upcast.appliedUpcasters());
    }

    @Test
    void upcastsSplitOutputsFurtherInOrder() {
        StoredEvent bundle = builder("Bundle@1.0", "{\"items\":[1,2]}").sequenceNr(4).tags("shop").build();

        UpcastOutcome.Upcast upcast = assertInstanceOf(UpcastOutcome.Upcast.class, orders().upcast(bundle));

        assertTrue(upcast.isSplit());
        List<StoredEvent> outputs = upcast.outputs();
        assertEquals(List.of(EventType.of("Order", "1.2"), EventType.of("Order", "1.2"), EventType.of("Remark", "1.2")),
                outputs.stream().map(StoredEvent::type).toList());
        assertEquals("{\"total\":1,\"currency\":\"EUR\"}", outputs.get(0).payload().text());
        assertEquals("{\"total\":2,\"currency\":\"EUR\"}", outputs.get(1).payload().text());
        assertEquals("{\"text\":\"bundle\"}", outputs.get(2).payload().text());
        outputs.forEach(output -> assertEquals(bundle.key(), output.key()));
        assertEquals(List.of(Bundle_1_0_to_1_1.class.getName(), Order_1_1_to_1_2.class.getName(),
                        "io.recast.engine.upcast.EventTypeUpcaster(Note@1.1 -> Remark@1.2)"),
                upcast.appliedUpcasters());
    }

    @Test
    void aDropYieldsNoOutputs() {
        StoredEvent ping = event("Ping@1.0", "{}");

        UpcastOutcome.Upcast upcast = assertInstanceOf(UpcastOutcome.Upcast.class, orders().upcast(ping));

        assertTrue(upcast.isDrop());
        assertTrue(upcast.outputs().isEmpty());
        assertFalse(ping.payload().isDecoded());
    }

    @Test
    void renamesAcrossSeveralStepsNeverDecodeThePayload() {
        StoredEvent file = event("File@1.0", "{\"name\":\"a.txt\"}");

        UpcastOutcome.Upcast upcast = assertInstanceOf(UpcastOutcome.Upcast.class, orders().upcast(file));

        StoredEvent document = upcast.outputs().get(0);
        assertEquals(EventType.of("Document", "1.2"), document.type());
        assertSame(file.payload(), document.payload());
        assertFalse(document.payload().isDecoded());
    }

    @Test
    void anEventAtAnEarlierRevisionWithoutUpcasterIsAMissingUpcasterNamingTheClassToAdd() {
        StoredEvent unknown = builder("Invoice@1.0", "{}").persistenceId("inv-3").sequenceNr(2).build();

        UpcastFailure failure = failure(orders().upcast(unknown));

        assertEquals(UpcastErrorCode.MISSING_UPCASTER, failure.code());
        assertTrue(failure.message().contains("persistenceId=inv-3, sequenceNr=2, type=Invoice@1.0"), failure.message());
        assertTrue(failure.message().contains("Invoice_1_0_to_1_1"), failure.message());
        assertTrue(failure.message().contains("EventTypeUpcaster.from(\"Invoice\", \"1.0\").to(\"Invoice\", \"1.1\")"),
                failure.message());
        assertFalse(unknown.payload().isDecoded());
    }

    @Test
    void anOutputAtAnEarlierRevisionWithoutNextUpcasterIsAMissingUpcaster() {
        UpcasterChain chain = threeRevisions().add(EventTypeUpcaster.from("A", "1.0").to("B", "1.1")).build();

        UpcastFailure failure = failure(chain.upcast(event("A@1.0", "{}")));

        assertEquals(UpcastErrorCode.MISSING_UPCASTER, failure.code());
        assertTrue(failure.message().contains("B_1_1_to_1_2"), failure.message());
    }

    @Test
    void anEventAtAnUndeclaredRevisionIsAnUnknownRevision() {
        UpcastFailure failure = failure(orders().upcast(event("Order@0.9", "{}")));

        assertEquals(UpcastErrorCode.UNKNOWN_REVISION, failure.code());
        assertTrue(failure.message().contains("0.9"), failure.message());
        assertTrue(failure.message().contains("1.0 -> 1.1 -> 1.2"), failure.message());
    }

    @Test
    void anUpcasterThatThrowsGivesUpcasterFailedNamingTheEvent() {
        UpcasterChain chain = threeRevisions().add(new Boom_1_0_to_1_1()).build();
        StoredEvent boom = builder("Boom@1.0", "{}").persistenceId("p-77").sequenceNr(9).build();

        UpcastOutcome.Failed failed = assertInstanceOf(UpcastOutcome.Failed.class, chain.upcast(boom));

        assertSame(boom, failed.source());
        UpcastFailure failure = failed.failure();
        assertEquals(UpcastErrorCode.UPCASTER_FAILED, failure.code());
        assertEquals(Boom_1_0_to_1_1.class.getName(), failure.upcaster());
        assertEquals("java.lang.IllegalStateException: boom", failure.cause());
        assertTrue(failure.message().contains("persistenceId=p-77, sequenceNr=9, type=Boom@1.0"), failure.message());
        assertTrue(failure.message().contains("left unchanged and quarantined"), failure.message());
    }

    @Test
    void malformedJsonGivesMalformedPayload() {
        UpcastFailure failure = failure(orders().upcast(event("Order@1.0", "{\"amount\":")));

        assertEquals(UpcastErrorCode.MALFORMED_PAYLOAD, failure.code());
        assertEquals(Order_1_0_to_1_1.class.getName(), failure.upcaster());
        assertTrue(failure.message().contains("end-of-input"), failure.message());
    }

    @Test
    void aMissingContextEntryGivesMissingContext() {
        UpcasterChain chain = threeRevisions().add(new NeedsContext_1_0_to_1_1()).build();

        UpcastFailure failure = failure(chain.upcast(event("NeedsContext@1.0", "{}")));

        assertEquals(UpcastErrorCode.MISSING_CONTEXT, failure.code());
        assertTrue(failure.message().contains("baseIri"), failure.message());
        assertTrue(failure.message().contains("'project-1'"), failure.message());
    }

    @Test
    void theContextReachesContextAwareUpcasters() {
        UpcasterChain chain = UpcasterChain.builder().revisions("1.0", "1.1").add(new NeedsContext_1_0_to_1_1()).build();
        UpcastContext context = UpcastContext.builder().put(NeedsContext_1_0_to_1_1.BASE, "project-1", "https://p/");

        UpcastOutcome.Upcast upcast = assertInstanceOf(UpcastOutcome.Upcast.class,
                chain.upcast(event("NeedsContext@1.0", "{}"), context));

        assertEquals("{\"base\":\"https://p/\"}", upcast.outputs().get(0).payload().text());
    }

    @Test
    void contractBreachesOfAnUpcasterAreFailuresNotExceptions() {
        UpcasterChain chain = UpcasterChain.builder().revisions("1.0", "1.1").add(new Rogue_1_0_to_1_1()).build();

        for (String mode : List.of("null-stream", "wrong-revision", "other-key", "lazy-throw")) {
            UpcastFailure failure = failure(chain.upcast(event("Rogue@1.0", "{\"mode\":\"" + mode + "\"}")));

            assertEquals(UpcastErrorCode.UPCASTER_FAILED, failure.code(), mode);
            assertEquals(Rogue_1_0_to_1_1.class.getName(), failure.upcaster(), mode);
        }
        assertInstanceOf(UpcastOutcome.Upcast.class, chain.upcast(event("Rogue@1.0", "{\"mode\":\"ok\"}")));
    }

    @Test
    void rejectsTwoUpcastersOfTheSameSourceNamingBothClasses() {
        InvalidUpcasterChainException e = assertThrows(InvalidUpcasterChainException.class,
                () -> threeRevisions().add(new Order_1_0_to_1_1()).add(new OtherOrder_1_0_to_1_1()).build());

        assertTrue(e.getMessage().contains(Order_1_0_to_1_1.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(OtherOrder_1_0_to_1_1.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("Order@1.0"), e.getMessage());
    }

    @Test
    void rejectsAnUpcasterThatSkipsARevisionNamingItAndTheSteps() {
        InvalidUpcasterChainException e = assertThrows(InvalidUpcasterChainException.class,
                () -> threeRevisions().add(new Order_1_0_to_1_2()).build());

        String message = e.getMessage();
        assertTrue(message.contains(Order_1_0_to_1_2.class.getName()), message);
        assertTrue(message.contains("skipping 1.1"), message);
        assertTrue(message.contains("Order_1_0_to_1_1, then Order_1_1_to_1_2"), message);
    }

    @Test
    void rejectsAnUpcasterThatGoesBackwards() {
        InvalidUpcasterChainException e = assertThrows(InvalidUpcasterChainException.class,
                () -> threeRevisions().add(new Order_1_1_to_1_0()).build());

        assertTrue(e.getMessage().contains(Order_1_1_to_1_0.class.getName() + " upcasts Order@1.1 backwards to revision 1.0"),
                e.getMessage());
    }

    @Test
    void rejectsAnUpcasterFromAnUndeclaredRevision() {
        InvalidUpcasterChainException e = assertThrows(InvalidUpcasterChainException.class,
                () -> UpcasterChain.builder().revisions("1.1", "1.2").add(new Order_1_0_to_1_1()).build());

        assertTrue(e.getMessage().contains(Order_1_0_to_1_1.class.getName() + " reads Order@1.0, but revision 1.0 is not declared"),
                e.getMessage());
    }

    @Test
    void rejectsAnUpcasterToAnUndeclaredRevision() {
        InvalidUpcasterChainException e = assertThrows(InvalidUpcasterChainException.class,
                () -> UpcasterChain.builder().revisions("1.0", "2.0").add(new Order_1_0_to_1_1()).build());

        assertTrue(e.getMessage().contains("to revision 1.1, which is not declared"), e.getMessage());
    }

    @Test
    void rejectsAnUpcasterFromTheFinalRevision() {
        InvalidUpcasterChainException e = assertThrows(InvalidUpcasterChainException.class,
                () -> UpcasterChain.builder().revisions("1.0", "1.1").add(new Order_1_1_to_1_2()).build());

        assertTrue(e.getMessage().contains("1.1 is the final revision"), e.getMessage());
    }

    @Test
    void rejectsMissingOrRepeatedRevisions() {
        assertThrows(InvalidUpcasterChainException.class, () -> UpcasterChain.builder().build());
        InvalidUpcasterChainException e = assertThrows(InvalidUpcasterChainException.class,
                () -> UpcasterChain.builder().revisions("1.0", "1.1", "1.0").build());
        assertTrue(e.getMessage().contains("Revision 1.0 is declared twice"), e.getMessage());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        InvalidUpcasterChainException e = assertThrows(InvalidUpcasterChainException.class, () -> threeRevisions()
                .add(new Order_1_0_to_1_1()).add(new OtherOrder_1_0_to_1_1()).add(new Order_1_1_to_1_0()).build());

        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void listsUpcastersInChainOrderWhateverTheOrderTheyWereAdded() {
        UpcasterChain chain = threeRevisions()
                .add(new Order_1_1_to_1_2()).add(new Bundle_1_0_to_1_1()).add(new Order_1_0_to_1_1()).build();

        assertEquals(List.of(
                        "Bundle@1.0 -> 1.1: " + Bundle_1_0_to_1_1.class.getName(),
                        "Order@1.0 -> 1.1: " + Order_1_0_to_1_1.class.getName(),
                        "Order@1.1 -> 1.2: " + Order_1_1_to_1_2.class.getName()),
                chain.describe());
        assertEquals(List.of("1.0", "1.1", "1.2"), chain.revisions());
        assertEquals("1.2", chain.finalRevision());
        assertEquals(Optional.empty(), chain.upcasterFor(EventType.of("Order", "1.2")));
        assertInstanceOf(Order_1_0_to_1_1.class, chain.upcasterFor(EventType.of("Order", "1.0")).orElseThrow());
    }

    @Test
    void checksumIsAStableSha256OfTheUpcasters() {
        String first = orders().checksum();

        assertEquals(first, orders().checksum());
        assertTrue(first.matches("[0-9a-f]{64}"), first);
    }

    @Test
    void checksumDoesNotDependOnTheOrderUpcastersWereAdded() {
        UpcasterChain one = threeRevisions().add(new Order_1_0_to_1_1()).add(new Order_1_1_to_1_2()).build();
        UpcasterChain two = threeRevisions().add(new Order_1_1_to_1_2()).add(new Order_1_0_to_1_1()).build();

        assertEquals(one.checksum(), two.checksum());
    }

    @Test
    void checksumChangesWhenAnUpcasterChanges() {
        String original = threeRevisions().add(new Order_1_0_to_1_1()).build().checksum();

        assertNotEquals(original, threeRevisions().add(new OtherOrder_1_0_to_1_1()).build().checksum());
        assertNotEquals(original, threeRevisions().add(new Order_1_0_to_1_1()).add(new Order_1_1_to_1_2()).build().checksum());
        assertNotEquals(original, UpcasterChain.builder().revisions("1.0", "1.1").add(new Order_1_0_to_1_1()).build().checksum());
    }

    @Test
    void checksumCoversTheTargetOfRenames() {
        String toB = threeRevisions().add(EventTypeUpcaster.from("A", "1.0").to("B", "1.1")).build().checksum();
        String toC = threeRevisions().add(EventTypeUpcaster.from("A", "1.0").to("C", "1.1")).build().checksum();

        assertNotEquals(toB, toC);
    }
}
