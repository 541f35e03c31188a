package io.recast.kg.v1_0;

import io.recast.kg.RejectedCommand;
import io.recast.kg.KgCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.recast.kg.Vocabulary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainTest {

    private static final String T = "2024-01-01T00:00:00Z";
    private static final String ID = "https://kg.example.org/o/p/resources/r1";

    private static EntityState apply(EntityState state, KgCommand command) {
        return Domain.evolve(state, Domain.decide(state, command));
    }

    private static KgCommand.CreateResource create(String tag) {
        return new KgCommand.CreateResource("r1", ID, "p1", "schema", List.of("http://schema.org/Dataset",
                Vocabulary.ALPHA), JsonNodeFactory.instance.objectNode().put("name", "x"), tag, T, "alice");
    }

    @Test
    void createAndTagYieldsTheLegacyCombinedEventAtRevisionTwo() {
        EntityState state = apply(EntityState.initial("resources"), create("v1"));

        assertEquals(2, state.rev());
        assertEquals(Map.of("v1", 1L), state.tags());
        assertInstanceOf(KgEvent.ResourceCreatedAndTagged.class, Domain.decide(EntityState.initial("resources"), create("v1")));
    }

    @Test
    void refreshIsANoOpThatKeepsTheRevision() {
        EntityState created = apply(EntityState.initial("resources"), create(null));

        EntityState refreshed = apply(created, new KgCommand.RefreshResource("r1", T, "alice"));

        assertSame(created, refreshed);
        assertEquals(1, refreshed.rev());
    }

    @Test
    void rejectsAnUpdateAtAStaleRevision() {
        EntityState created = apply(EntityState.initial("resources"), create(null));

        RejectedCommand rejected = assertThrows(RejectedCommand.class, () -> Domain.decide(created,
                new KgCommand.UpdateResource("r1", 7, List.of(), JsonNodeFactory.instance.objectNode(), T, "alice")));

        assertTrue(rejected.getMessage().contains("expected revision 7 but the entity is at 1"), rejected.getMessage());
    }

    @Test
    void deprecationMarksTheResourceAndRefusesLaterCommands() {
        EntityState deprecated = apply(apply(EntityState.initial("resources"), create(null)),
                new KgCommand.DeprecateResource("r1", 1, T, "alice"));

        assertTrue(deprecated.deprecated());
        assertThrows(RejectedCommand.class, () -> Domain.decide(deprecated, new KgCommand.RefreshResource("r1", T, "a")));
    }

    @Test
    void tagsResourceEventsWithKindProjectAndEachType() {
        KgEvent event = Domain.decide(EntityState.initial("resources"), create(null));

        assertEquals(Set.of("resource", "project=p1", "type=http://schema.org/Dataset", "type=" + Vocabulary.ALPHA),
                Domain.tags(event));
    }
}
