package io.recast.engine.examples;

import io.recast.engine.upcast.EventTypeUpcaster;
import io.recast.engine.upcast.UpcasterChain;
import io.recast.engine.upcast.UpcasterSet;

/** The order service's migration from 1.0 to 1.1, registered in META-INF/services. */
public final class OrderUpcasters implements UpcasterSet {

    private static final UpcasterChain CHAIN = UpcasterChain.builder()
            .revisions("1.0", "1.1")
            .add(new OrderPlaced_1_0_to_1_1())
            .add(EventTypeUpcaster.from("OrderShipped", "1.0").to("OrderDispatched", "1.1"))
            .add(EventTypeUpcaster.from("OrderCancelled", "1.0").toRevision("1.1"))
            .build();

    @Override
    public String fromVersion() {
        return "1.0";
    }

    @Override
    public String toVersion() {
        return "1.1";
    }

    @Override
    public UpcasterChain chain() {
        return CHAIN;
    }
}
