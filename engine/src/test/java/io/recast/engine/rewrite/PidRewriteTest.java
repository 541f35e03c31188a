package io.recast.engine.rewrite;

import static io.recast.engine.rewrite.ShopMigration.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PidRewriteTest {

    private final StoredEvent first = event("cart-1", 1, "OrderPlaced@1.1", "{\"total\":1}");
    private final StoredEvent ping = event("cart-1", 2, "Ping@1.0", "{}");
    private final StoredEvent bundle = event("cart-1", 3, "Bundle@1.0", "{\"items\":[1,2]}");
    private final StoredEvent part1 = event("cart-1", 2, "OrderPlaced@1.1", "{\"total\":1}");
    private final StoredEvent part2 = event("cart-1", 3, "OrderPlaced@1.1", "{\"total\":2}");

    private final PidRewrite.Rewritten rewritten = new PidRewrite.Rewritten("cart-1", List.of(
            new EventRewrite(first, List.of(first)),
            new EventRewrite(ping, List.of()),
            new EventRewrite(bundle, List.of(part1, part2))), true);

    @Test
    void changedListsOnlyTheRewritesWhoseRowsChange() {
        assertEquals(List.of(ping, bundle), rewritten.changed().stream().map(EventRewrite::source).toList());
    }

    @Test
    void outputsAreTheEventsTheIdHoldsAfterwardsInOrder() {
        assertEquals(List.of(first, part1, part2), rewritten.outputs());
    }

    @Test
    void aRewriteKeepsACopyOfItsEvents() {
        List<EventRewrite> events = new ArrayList<>(List.of(new EventRewrite(first, List.of(first))));
        PidRewrite.Rewritten rewrite = new PidRewrite.Rewritten("cart-1", events, false);

        events.clear();

        assertEquals(1, rewrite.events().size());
        assertThrows(UnsupportedOperationException.class, () -> rewrite.events().clear());
    }

    @Test
    void aHeldBackIdKeepsACopyOfItsFailures() {
        List<PidRewrite.Quarantined> failures = new ArrayList<>(List.of(new PidRewrite.Quarantined("cart-1", 2,
                "Ping@1.0", new UpcastFailure(UpcastErrorCode.UPCASTER_FAILED, "x", "failed", null))));
        PidRewrite.HeldBack heldBack = new PidRewrite.HeldBack("cart-1", failures, 3);

        failures.clear();

        assertEquals(1, heldBack.failures().size());
    }
}
