package io.recast.engine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.StoredEvent;
import io.recast.engine.testkit.GivenEvent;
import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import io.recast.engine.upcast.UpcasterSets;
import org.junit.jupiter.api.Test;

class OrderUpcastersTest {

    private final OrderUpcasters set = new OrderUpcasters();
    private final UpcasterFixture fixture = UpcasterFixture.forChain(set.chain());

    @Test
    void migratesTheOrderServiceFrom1_0To1_1() {
        assertEquals("1.0", set.fromVersion());
        assertEquals("1.1", set.toVersion());
        assertSame(set.chain(), set.chain());
    }

    @Test
    void isFoundThroughMetaInfServices() {
        assertEquals(OrderUpcasters.class, UpcasterSets.load().find("1.0", "1.1").getClass());
    }

    @Test
    void upcastsPlacedOrders() {
        fixture.given("OrderPlaced@1.0", "{\"amount\": 3}")
                .expectEvent("OrderPlaced@1.1", "{\"total\": 3, \"currency\": \"EUR\"}");
    }

    @Test
    void renamesShippedOrdersKeepingTheStoredBytes() {
        StoredEvent dispatched = fixture.given("OrderShipped@1.0", "{\"carrier\": \"DHL\"}")
                .expectEvent("OrderDispatched@1.1", "{\"carrier\": \"DHL\"}");

        assertEquals("{\"carrier\": \"DHL\"}", dispatched.payload().text());
    }

    @Test
    void movesCancelledOrdersToTheNewRevisionKeepingTheStoredBytes() {
        StoredEvent cancelled = fixture.given("OrderCancelled@1.0", "{\"reason\": \"late\"}")
                .expectEvent("OrderCancelled@1.1", "{\"reason\": \"late\"}");

        assertEquals("{\"reason\": \"late\"}", cancelled.payload().text());
    }

    @Test
    void reportsOrderEventsThatTheSetForgot() {
        GivenEvent refunded = fixture.given("OrderRefunded@1.0", "{}");

        UpcastFailure failure = refunded.expectFailure(UpcastErrorCode.MISSING_UPCASTER);

        assertTrue(failure.message().contains("OrderRefunded_1_0_to_1_1"), failure.message());
        assertFalse(refunded.event().payload().isDecoded());
    }
}
