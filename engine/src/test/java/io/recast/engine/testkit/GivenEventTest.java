package io.recast.engine.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.DroppingUpcaster;
import io.recast.engine.upcast.SingleEventUpcaster;
import io.recast.engine.upcast.SplittingUpcaster;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import io.recast.engine.upcast.UpcastOutcome;
import io.recast.engine.upcast.UpcasterChain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class GivenEventTest {

    /** Renames amount to total, counting its calls; fails on a negative amount. */
    static final class Order_1_0_to_1_1 extends SingleEventUpcaster {
        final AtomicInteger calls = new AtomicInteger();

        Order_1_0_to_1_1() {
            super(EventType.of("Order", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            calls.incrementAndGet();
            if (payload.path("amount").asInt() < 0) {
                throw new IllegalArgumentException("negative amount");
            }
            payload.set("total", payload.remove("amount"));
            return payload.put("currency", "EUR");
        }
    }

    static final class Bundle_1_0_to_1_1 extends SplittingUpcaster {
        Bundle_1_0_to_1_1() {
            super(EventType.of("Bundle", "1.0"), "1.1");
        }

        @Override
        protected List<Part> split(ObjectNode payload, StoredEvent event, UpcastContext context) {
            return List.of(
                    new Part(EventType.of("Order", "1.1"), payload.objectNode().put("total", 1), Set.of()),
                    new Part(EventType.of("Note", "1.1"), payload.objectNode().put("text", "n"), Set.of("note")));
        }
    }

    private final Order_1_0_to_1_1 order = new Order_1_0_to_1_1();
    private final UpcasterFixture fixture = UpcasterFixture.forChain(UpcasterChain.builder()
            .revisions("1.0", "1.1")
            .add(order)
            .add(new Bundle_1_0_to_1_1())
            .add(DroppingUpcaster.of(EventType.of("Ping", "1.0"), "1.1"))
            .build());

    @Test
    void expectEventIgnoresFieldOrderAndTheWrittenFormOfNumbers() {
        StoredEvent output = fixture.given("Order@1.0", "{\"id\":\"o1\",\"amount\":2.50}")
                .expectEvent("Order@1.1", "{\"currency\":\"EUR\",\"total\":2.5,\"id\":\"o1\"}");

        assertEquals(EventType.of("Order", "1.1"), output.type());
    }

    @Test
    void expectEventFailsWithTheDifferingPathsAndBothJsonsPrettyPrinted() {
        GivenEvent given = fixture.given("Order@1.0", "{\"id\":\"o1\",\"amount\":3}");

        AssertionError error = assertThrows(AssertionError.class,
                () -> given.expectEvent("Order@1.1", "{\"id\":\"o1\",\"total\":4,\"currency\":\"EUR\",\"note\":\"x\"}"));

        String message = error.getMessage();
        assertTrue(message.contains("differs from the expectation at 2 places"), message);
        assertTrue(message.contains("$.total: expected 4 but was 3"), message);
        assertTrue(message.contains("$.note: expected \"x\" but was missing"), message);
        assertTrue(message.contains("Expected JSON:\n{\n  \"currency\" : \"EUR\",\n  \"id\" : \"o1\",\n  \"note\" : \"x\",\n  \"total\" : 4\n}"),
                message);
        assertTrue(message.contains("Actual JSON:\n{\n  \"currency\" : \"EUR\",\n  \"id\" : \"o1\",\n  \"total\" : 3\n}"),
                message);
        AssertionFailedError failure = assertInstanceOf(AssertionFailedError.class, error);
        assertTrue(failure.isExpectedDefined() && failure.isActualDefined());
    }

    @Test
    void expectEventFailsWhenTheTypeDiffers() {
        AssertionError error = assertThrows(AssertionError.class, () -> fixture.given("Order@1.0", "{\"amount\":3}")
                .expectEvent(EventType.of("OrderPlaced", "1.1"), "{\"total\":3,\"currency\":\"EUR\"}"));

        assertTrue(error.getMessage().contains("type: expected OrderPlaced@1.1 but was Order@1.1"), error.getMessage());
    }

    @Test
    void expectEventChecksTagsOnlyWhenGiven() {
        GivenEvent given = fixture.given("Order@1.0", "{\"amount\":3}", Set.of("shop"));
        String json = "{\"total\":3,\"currency\":\"EUR\"}";

        given.expectEvent("Order@1.1", json);
        given.expectEvent("Order@1.1", json, Set.of("shop"));
        AssertionError error = assertThrows(AssertionError.class, () -> given.expectEvent("Order@1.1", json, Set.of("web")));
        assertTrue(error.getMessage().contains("tags: expected [web] but was [shop]"), error.getMessage());
    }

    @Test
    void expectEventFailsWithTheChainsFailure() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> fixture.given("Order@1.0", "{\"amount\":-1}").expectEvent("Order@1.1", "{}"));

        assertTrue(error.getMessage().contains("the chain failed with UPCASTER_FAILED"), error.getMessage());
        assertTrue(error.getMessage().contains("negative amount"), error.getMessage());
    }

    @Test
    void expectEventsChecksEveryEventInOrder() {
        GivenEvent bundle = fixture.given("Bundle@1.0", "{}");

        List<StoredEvent> outputs = bundle.expectEvents(
                ExpectedEvent.event("Order@1.1", "{\"total\":1}"),
                ExpectedEvent.event("Note@1.1", "{\"text\":\"n\"}", Set.of("note")));

        assertEquals(2, outputs.size());
        AssertionError swapped = assertThrows(AssertionError.class, () -> bundle.expectEvents(
                ExpectedEvent.event("Note@1.1", "{\"text\":\"n\"}"),
                ExpectedEvent.event("Order@1.1", "{\"total\":1}")));
        assertTrue(swapped.getMessage().startsWith("Event 1 of 2 (Order@1.1"), swapped.getMessage());
        AssertionError tooFew = assertThrows(AssertionError.class,
                () -> bundle.expectEvent("Order@1.1", "{\"total\":1}"));
        assertTrue(tooFew.getMessage().contains("but the chain produced 2 events"), tooFew.getMessage());
    }

    @Test
    void expectDroppedPassesOnlyForADrop() {
        fixture.given("Ping@1.0", "{}").expectDropped();

        AssertionError error = assertThrows(AssertionError.class,
                () -> fixture.given("Order@1.0", "{\"amount\":1}").expectDropped());
        assertTrue(error.getMessage().startsWith("Expected Order@1.0 to be dropped but the chain produced 1 event"),
                error.getMessage());
    }

    @Test
    void expectFailureReturnsTheFailureOfThatCodeOnly() {
        UpcastFailure failure = fixture.given("Order@1.0", "{\"amount\":").expectFailure(UpcastErrorCode.MALFORMED_PAYLOAD);

        assertEquals(UpcastErrorCode.MALFORMED_PAYLOAD, failure.code());
        AssertionError error = assertThrows(AssertionError.class,
                () -> fixture.given("Order@1.0", "{\"amount\":").expectFailure(UpcastErrorCode.MISSING_CONTEXT));
        assertTrue(error.getMessage().contains("to fail with MISSING_CONTEXT but the chain failed with MALFORMED_PAYLOAD"),
                error.getMessage());
    }

    @Test
    void expectUnchangedPassesOnlyForEventsNoUpcasterReads() {
        StoredEvent untouched = fixture.given("Order@1.1", "{\"total\":1}").expectUnchanged();

        assertFalse(untouched.payload().isDecoded());
        AssertionError error = assertThrows(AssertionError.class,
                () -> fixture.given("Order@1.0", "{\"amount\":1}").expectUnchanged());
        assertTrue(error.getMessage().contains("to pass through unchanged but the chain produced"), error.getMessage());
    }

    @Test
    void anUnchangedEventCountsAsTheOneExpectedEvent() {
        fixture.given("Order@1.1", "{\"total\":1}").expectEvent("Order@1.1", "{\"total\":1.0}");
    }

    @Test
    void runsTheChainOnce() {
        GivenEvent given = fixture.given("Order@1.0", "{\"amount\":1}");

        given.expectEvent("Order@1.1", "{\"total\":1,\"currency\":\"EUR\"}");
        given.expectEvent("Order@1.1", "{\"total\":1,\"currency\":\"EUR\"}");

        assertEquals(1, order.calls.get());
        assertInstanceOf(UpcastOutcome.Upcast.class, given.outcome());
    }

    @Test
    void reportsAnExpectationThatIsNotJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fixture.given("Order@1.0", "{\"amount\":1}").expectEvent("Order@1.1", "{total: 1}"));

        assertTrue(e.getMessage().startsWith("The expected JSON of Order@1.1 is not valid JSON"), e.getMessage());
    }
}
