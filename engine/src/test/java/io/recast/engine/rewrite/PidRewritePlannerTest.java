package io.recast.engine.rewrite;

import static io.recast.engine.rewrite.ShopMigration.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.event.TestEvents;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import io.recast.engine.upcast.UpcastStatistics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PidRewritePlannerTest {

    private final UpcastStatistics statistics = new UpcastStatistics();
    private final PidRewritePlanner planner = new PidRewritePlanner(new ShopMigration().chain(), statistics);

    private PidRewrite plan(StoredEvent... events) {
        return planner.plan(PersistenceIdEvents.of(events[0].persistenceId(), List.of(events)), UpcastContext.empty());
    }

    private static List<Long> sequenceNrs(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::sequenceNr).toList();
    }

    @Test
    void anIdWhoseEventsAreAllAtTheTargetRevisionIsUnchangedAndNothingIsDecoded() {
        List<StoredEvent> events = List.of(
                event("order-1", 1, "OrderPlaced@1.1", "{\"total\":1}"),
                event("order-1", 2, "ProjectStarted@1.1", "{\"base\":\"https://p1/\"}"),
                event("order-1", 3, "Unrelated@1.1", "not even json"));

        PidRewrite rewrite = planner.plan(PersistenceIdEvents.of("order-1", events), UpcastContext.empty());

        assertEquals(new PidRewrite.Unchanged("order-1", 3), rewrite);
        events.forEach(e -> assertFalse(e.payload().isDecoded(), e.toString()));
        assertEquals(3, statistics.unchanged());
        assertEquals(0, statistics.upcast());
    }

    @Test
    void aOneToOneUpcastRewritesOnlyTheChangedEventsUnderTheirKeys() {
        StoredEvent current = event("order-1", 7, "OrderPlaced@1.1", "{\"total\":5}");
        StoredEvent legacy = TestEvents.builder("OrderPlaced@1.0", "{\"amount\":10}")
                .persistenceId("order-1").sequenceNr(8).tags("shop", "eu").build();

        PidRewrite.Rewritten rewritten = assertInstanceOf(PidRewrite.Rewritten.class, plan(current, legacy));

        assertFalse(rewritten.renumbered());
        assertEquals("order-1", rewritten.persistenceId());
        assertEquals(List.of(current, legacy), rewritten.events().stream().map(EventRewrite::source).toList());
        assertEquals(List.of(current), rewritten.events().get(0).outputs());
        EventRewrite changed = rewritten.changed().get(0);
        assertEquals(1, rewritten.changed().size());
        assertSame(legacy, changed.source());
        StoredEvent output = changed.outputs().get(0);
        assertEquals(legacy.key(), output.key());
        assertEquals(EventType.of("OrderPlaced", "1.1"), output.type());
        assertEquals("{\"total\":10}", output.payload().text());
        assertEquals(legacy.tags(), output.tags());
        assertEquals(legacy.timestamp(), output.timestamp());
        assertEquals(List.of(7L, 8L), sequenceNrs(rewritten.outputs()));
    }

    @Test
    void aDropRenumbersTheWholeIdFromTheFirstSequenceNrPastTheDroppedEvents() {
        PidRewrite.Rewritten rewritten = assertInstanceOf(PidRewrite.Rewritten.class, plan(
                event("cart-1", 5, "Ping@1.0", "{}"),
                event("cart-1", 6, "OrderPlaced@1.1", "{\"total\":1}"),
                event("cart-1", 7, "Ping@1.0", "{}"),
                event("cart-1", 8, "OrderPlaced@1.0", "{\"amount\":3}")));

        assertTrue(rewritten.renumbered());
        List<StoredEvent> outputs = rewritten.outputs();
        assertEquals(List.of(5L, 6L), sequenceNrs(outputs));
        assertEquals(List.of("{\"total\":1}", "{\"total\":3}"), outputs.stream().map(e -> e.payload().text()).toList());
        assertEquals(List.of(List.of(), List.of(5L), List.of(), List.of(6L)),
                rewritten.events().stream().map(e -> sequenceNrs(e.outputs())).toList());
        assertEquals(4, rewritten.changed().size(), "every row of a renumbered id changes (moved or dropped)");
    }

    @Test
    void aSplitRenumbersTheWholeIdContiguouslyAcrossItsOutputs() {
        StoredEvent first = event("cart-2", 1, "OrderPlaced@1.1", "{\"total\":9}");
        PidRewrite.Rewritten rewritten = assertInstanceOf(PidRewrite.Rewritten.class, plan(
                first,
                event("cart-2", 2, "Bundle@1.0", "{\"items\":[1,2,3]}"),
                event("cart-2", 3, "OrderPlaced@1.0", "{\"amount\":4}")));

        assertTrue(rewritten.renumbered());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequenceNrs(rewritten.outputs()));
        assertEquals(List.of("{\"total\":9}", "{\"total\":1}", "{\"total\":2}", "{\"total\":3}", "{\"total\":4}"),
                rewritten.outputs().stream().map(e -> e.payload().text()).toList());
        rewritten.outputs().forEach(e -> assertEquals(EventType.of("OrderPlaced", "1.1"), e.type()));
        assertEquals(List.of(List.of(1L), List.of(2L, 3L, 4L), List.of(5L)),
                rewritten.events().stream().map(e -> sequenceNrs(e.outputs())).toList());
        assertFalse(rewritten.events().get(0).changed(), "the first event keeps its key and shape");
        assertSame(first, rewritten.events().get(0).outputs().get(0));
        assertEquals(2, rewritten.changed().size());
    }

    @Test
    void anIdWhoseEventsAreAllDroppedIsRenumberedToNothing() {
        PidRewrite.Rewritten rewritten = assertInstanceOf(PidRewrite.Rewritten.class, plan(
                event("ping-1", 1, "Ping@1.0", "{}"),
                event("ping-1", 2, "Ping@1.0", "{}")));

        assertTrue(rewritten.renumbered());
        assertTrue(rewritten.outputs().isEmpty());
        assertEquals(2, rewritten.changed().size());
    }

    @Test
    void anUpcasterThatThrowsHoldsBackTheWholeId() {
        PidRewrite.HeldBack heldBack = assertInstanceOf(PidRewrite.HeldBack.class, plan(
                event("broken-1", 1, "OrderPlaced@1.0", "{\"amount\":1}"),
                event("broken-1", 2, "Broken@1.0", "{}"),
                event("broken-1", 3, "Ping@1.0", "{}")));

        assertEquals("broken-1", heldBack.persistenceId());
        assertEquals(3, heldBack.events());
        PidRewrite.Quarantined failed = heldBack.failures().get(0);
        assertEquals(1, heldBack.failures().size());
        assertEquals("broken-1", failed.persistenceId());
        assertEquals(2, failed.sequenceNr());
        assertEquals("Broken@1.0", failed.type());
        assertEquals(UpcastErrorCode.UPCASTER_FAILED, failed.failure().code());
        assertEquals(ShopMigration.Broken_1_0_to_1_1.class.getName(), failed.failure().upcaster());
    }

    @Test
    void aMissingContextHoldsBackTheIdAndTheContextLetsItThrough() {
        PersistenceIdEvents resource = PersistenceIdEvents.of("resource-1", List.of(
                event("resource-1", 1, "ResourceCreated@1.0", "{\"project\":\"project-1\",\"id\":\"r1\"}")));

        PidRewrite.HeldBack heldBack = assertInstanceOf(PidRewrite.HeldBack.class,
                planner.plan(resource, UpcastContext.empty()));
        PidRewrite.Rewritten rewritten = assertInstanceOf(PidRewrite.Rewritten.class, planner.plan(resource,
                UpcastContext.builder().put(ShopMigration.PROJECT_BASE, "project-1", "https://p1/").snapshot()));

        PidRewrite.Quarantined failed = heldBack.failures().get(0);
        assertEquals("resource-1", failed.persistenceId());
        assertEquals(1, failed.sequenceNr());
        assertEquals("ResourceCreated@1.0", failed.type());
        assertEquals(UpcastErrorCode.MISSING_CONTEXT, failed.failure().code());
        assertTrue(failed.failure().message().contains("'project-1'"), failed.failure().message());
        assertEquals("{\"project\":\"project-1\",\"id\":\"r1\",\"iri\":\"https://p1/r1\"}",
                rewritten.outputs().get(0).payload().text());
    }

    @Test
    void everyFailedEventOfAHeldBackIdIsQuarantinedInOrder() {
        PidRewrite.HeldBack heldBack = assertInstanceOf(PidRewrite.HeldBack.class, plan(
                event("mixed-1", 1, "Broken@1.0", "{}"),
                event("mixed-1", 2, "OrderPlaced@1.1", "{\"total\":1}"),
                event("mixed-1", 3, "Invoice@1.0", "{}"),
                event("mixed-1", 4, "OrderPlaced@1.0", "{\"amount\":")));

        assertEquals(List.of(1L, 3L, 4L), heldBack.failures().stream().map(PidRewrite.Quarantined::sequenceNr).toList());
        assertEquals(List.of(UpcastErrorCode.UPCASTER_FAILED, UpcastErrorCode.MISSING_UPCASTER,
                        UpcastErrorCode.MALFORMED_PAYLOAD),
                heldBack.failures().stream().map(q -> q.failure().code()).toList());
    }

    @Test
    void unreadableRowsHoldBackAnIdWhoseEventsWouldUpcast() {
        PidRewrite.Quarantined unreadable = new PidRewrite.Quarantined("order-9", 2, "com.example.Gone#3",
                new UpcastFailure(UpcastErrorCode.UNKNOWN_MANIFEST, null, "cannot read the manifest", null));
        PersistenceIdEvents pid = new PersistenceIdEvents("order-9",
                List.of(event("order-9", 1, "OrderPlaced@1.0", "{\"amount\":1}")), List.of(unreadable));

        PidRewrite.HeldBack heldBack = assertInstanceOf(PidRewrite.HeldBack.class,
                planner.plan(pid, UpcastContext.empty()));

        assertEquals(List.of(unreadable), heldBack.failures());
        assertEquals(2, heldBack.events(), "the held-back id counts its unreadable rows too");
    }

    @Test
    void unreadableRowsHoldBackAnIdThatIsOtherwiseUnchanged() {
        PidRewrite.Quarantined unreadable = new PidRewrite.Quarantined("order-9", 1, "???",
                new UpcastFailure(UpcastErrorCode.UNKNOWN_MANIFEST, null, "cannot read the manifest", null));
        PersistenceIdEvents pid = new PersistenceIdEvents("order-9",
                List.of(event("order-9", 2, "OrderPlaced@1.1", "{\"total\":1}")), List.of(unreadable));

        PidRewrite.HeldBack heldBack = assertInstanceOf(PidRewrite.HeldBack.class,
                planner.plan(pid, UpcastContext.empty()));

        assertEquals(List.of(unreadable), heldBack.failures());
    }

    @Test
    void recordsStatisticsOfEveryEventItRewrites() {
        plan(event("order-1", 1, "OrderPlaced@1.0", "{\"amount\":1}"), event("order-1", 2, "OrderPlaced@1.1", "{}"));
        plan(event("cart-1", 1, "Ping@1.0", "{}"), event("cart-1", 2, "Bundle@1.0", "{\"items\":[1,2]}"));
        plan(event("order-2", 1, "OrderPlaced@1.1", "{}"));

        assertEquals(1, statistics.upcast());
        assertEquals(1, statistics.dropped());
        assertEquals(1, statistics.split());
        assertEquals(2, statistics.splitOutputs());
        assertEquals(2, statistics.unchanged());
        assertEquals(Map.of(
                        ShopMigration.OrderPlaced_1_0_to_1_1.class.getName(), 1L,
                        ShopMigration.Bundle_1_0_to_1_1.class.getName(), 1L,
                        ShopMigration.DROP_PING, 1L),
                statistics.appliedByUpcaster());
    }

    @Test
    void aHeldBackIdCountsOnlyItsFailuresBecauseItsOtherEventsStayAsTheyAre() {
        plan(event("broken-1", 1, "OrderPlaced@1.0", "{\"amount\":1}"),
                event("broken-1", 2, "Ping@1.0", "{}"),
                event("broken-1", 3, "Broken@1.0", "{}"));

        assertEquals(1, statistics.failed(UpcastErrorCode.UPCASTER_FAILED));
        assertEquals(0, statistics.upcast());
        assertEquals(0, statistics.dropped());
        assertTrue(statistics.appliedByUpcaster().isEmpty(), statistics.appliedByUpcaster().toString());
    }
}
