package io.recast.kg.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.testkit.GivenEvent;
import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.EventTypeUpcaster;
import io.recast.engine.upcast.UpcastOutcome;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code ProjectCreated} 1.0 to 1.1 is a revision bump of an unchanged schema: the step of the rename builder
 * in the chain.
 */
class ProjectCreated_1_0_to_1_1Test {

    private static final String LEGACY = """
            {"id":"fea08002-09d7-6530-5730-b1ccaf1d7052",
             "label":"project3",
             "organizationUuid":"bb0359bf-2d35-cb58-1698-1a439ca01ce0",
             "organizationLabel":"org0",
             "description":"Project about trace axon neuron thalamus",
             "base":"https://kg.example.org/org0/project3/",
             "vocab":"https://kg.example.org/org0/project3/vocab/",
             "rev":1,
             "instant":"2024-01-01T00:00:02Z",
             "subject":"https://kg.example.org/realms/internal/users/seeder"}""";

    private final EventTypeUpcaster upcaster = assertInstanceOf(EventTypeUpcaster.class, new KnowledgeGraphUpcasters()
            .chain().upcasterFor(EventType.of("KgEvent$ProjectCreated", "1.0")).orElseThrow());
    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(upcaster);

    @Test
    void movesToRevision1_1WithoutDecodingThePayload() {
        GivenEvent given = fixture.given("KgEvent$ProjectCreated@1.0", LEGACY, Set.of("project"));

        UpcastOutcome.Upcast upcast = assertInstanceOf(UpcastOutcome.Upcast.class, given.outcome());
        StoredEvent output = upcast.outputs().get(0);
        assertFalse(output.payload().isDecoded(), "the payload is carried over undecoded");
        assertEquals(LEGACY, output.payload().text(), "the stored bytes are kept");
        given.expectEvent("KgEvent$ProjectCreated@1.1", LEGACY, Set.of("project"));
    }

    @Test
    void isWrittenWithTheManifestOfTheV11Class() {
        assertEquals("io.recast.kg.v1_1.KgEvent$ProjectCreated",
                KnowledgeGraphUpcasters.MANIFESTS.encode(upcaster.target()));
    }
}
