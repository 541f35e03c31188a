package io.recast.engine.upcast;

import static io.recast.engine.event.TestEvents.builder;
import static io.recast.engine.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpcastOutcomeTest {

    private final StoredEvent source = event("A@1.0", "{}");
    private final StoredEvent one = builder("A@1.1", "{}").build();
    private final StoredEvent two = builder("B@1.1", "{}").build();

    @Test
    void anUpcastWithoutOutputsIsADrop() {
        UpcastOutcome.Upcast drop = new UpcastOutcome.Upcast(source, List.of(), List.of("X"));

        assertTrue(drop.isDrop());
        assertFalse(drop.isSplit());
    }

    @Test
    void anUpcastWithSeveralOutputsIsASplit() {
        UpcastOutcome.Upcast split = new UpcastOutcome.Upcast(source, List.of(one, two), List.of("X"));

        assertTrue(split.isSplit());
        assertFalse(split.isDrop());
    }

    @Test
    void anUpcastWithOneOutputIsNeither() {
        UpcastOutcome.Upcast map = new UpcastOutcome.Upcast(source, List.of(one), List.of("X"));

        assertFalse(map.isSplit());
        assertFalse(map.isDrop());
    }

    @Test
    void copiesTheListsItIsGiven() {
        List<StoredEvent> outputs = new ArrayList<>(List.of(one));
        UpcastOutcome.Upcast upcast = new UpcastOutcome.Upcast(source, outputs, List.of("X"));

        outputs.add(two);

        assertEquals(List.of(one), upcast.outputs());
        assertThrows(UnsupportedOperationException.class, () -> upcast.outputs().add(two));
    }

    @Test
    void everyOutcomeKnowsItsSource() {
        UpcastFailure failure = UpcastFailure.upcasterFailed(source, "X", "it broke");

        assertSame(source, new UpcastOutcome.Unchanged(source).source());
        assertSame(source, new UpcastOutcome.Upcast(source, List.of(), List.of()).source());
        assertSame(source, new UpcastOutcome.Failed(source, failure).source());
    }
}
