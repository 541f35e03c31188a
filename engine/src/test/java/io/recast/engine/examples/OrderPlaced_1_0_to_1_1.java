package io.recast.engine.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.upcast.SingleEventUpcaster;

/** Order events of revision 1.1 call the amount {@code total} and state their currency. */
public final class OrderPlaced_1_0_to_1_1 extends SingleEventUpcaster {

    public OrderPlaced_1_0_to_1_1() {
        super(EventType.of("OrderPlaced", "1.0"), "1.1");
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload) {
        payload.set("total", payload.remove("amount"));
        payload.put("currency", "EUR");
        return payload;
    }
}
