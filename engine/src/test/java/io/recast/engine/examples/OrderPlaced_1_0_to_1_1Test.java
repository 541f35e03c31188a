package io.recast.engine.examples;

import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderPlaced_1_0_to_1_1Test {

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new OrderPlaced_1_0_to_1_1());

    @Test
    void renamesAmountToTotalAndAddsTheCurrency() {
        fixture.given("OrderPlaced@1.0", """
                        {"orderId": "o-1", "amount": 42.50}
                        """)
                .expectEvent("OrderPlaced@1.1", """
                        {"orderId": "o-1", "total": 42.50, "currency": "EUR"}
                        """);
    }

    @Test
    void keepsTheTags() {
        fixture.given("OrderPlaced@1.0", "{\"amount\": 1}", Set.of("shop"))
                .expectEvent("OrderPlaced@1.1", "{\"total\": 1, \"currency\": \"EUR\"}", Set.of("shop"));
    }

    @Test
    void leavesOrdersAlreadyAtRevision1_1Alone() {
        fixture.given("OrderPlaced@1.1", "{\"total\": 1, \"currency\": \"USD\"}")
                .expectUnchanged();
    }

    @Test
    void quarantinesAPayloadThatIsNotJson() {
        fixture.given("OrderPlaced@1.0", "{\"amount\": ")
                .expectFailure(UpcastErrorCode.MALFORMED_PAYLOAD);
    }
}
