package io.recast.kg.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.kg.v1_0.Domain;
import io.recast.kg.v1_0.EntityState;
import io.recast.kg.KgCommand;
import io.recast.kg.v1_0.KgEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedPlanTest {

    @Test
    void theSameSeedGivesTheSameCommands() {
        assertEquals(SeedPlan.generate(3_000, 300, 7).entities(), SeedPlan.generate(3_000, 300, 7).entities());
        assertNotEquals(SeedPlan.generate(3_000, 300, 7).entities(), SeedPlan.generate(3_000, 300, 8).entities());
    }

    @Test
    void hasExactlyTheRequestedEventsAndEntities() {
        SeedPlan plan = SeedPlan.generate(5_000, 400, 1);

        assertEquals(5_000, plan.events());
        assertEquals(400, plan.entities().size());
        assertEquals(400, plan.entities().stream().map(EntityScript::persistenceId).distinct().count());
    }

    @Test
    void everyCommandIsAcceptedByTheDomainAndCoversEveryLegacyEventKind() {
        Map<Class<?>, Integer> kinds = new HashMap<>();
        for (EntityScript script : SeedPlan.generate(5_000, 400, 3).entities()) {
            EntityState state = EntityState.initial(script.kind());
            for (KgCommand command : script.commands()) {
                KgEvent event = Domain.decide(state, command);
                kinds.merge(event.getClass(), 1, Integer::sum);
                state = Domain.evolve(state, event);
            }
        }
        assertEquals(12, kinds.size(), "every v1.0 event kind appears: " + kinds.keySet());
        assertTrue(kinds.get(KgEvent.ResourceCreatedAndTagged.class) > 0);
        assertTrue(kinds.get(KgEvent.ResourceAttributesRefreshed.class) > 0);
    }

    @Test
    void refusesFewerEventsThanEntities() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SeedPlan.generate(10, 20, 1));
        assertTrue(error.getMessage().contains("must be at least --entities"), error.getMessage());
    }
}
