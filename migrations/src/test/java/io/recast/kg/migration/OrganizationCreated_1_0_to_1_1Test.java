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
 * {@code OrganizationCreated} 1.0 to 1.1 is a revision bump of an unchanged schema: the step of the rename builder
 * in the chain.
 */
class OrganizationCreated_1_0_to_1_1Test {

    private static final String LEGACY = """
            {"id":"bb0359bf-2d35-cb58-1698-1a439ca01ce0",
             "label":"org0",
             "description":"Organization 0 of the dendrite synapse atlas",
             "rev":1,
             "instant":"2024-01-01T00:00:01Z",
             "subject":"https://kg.example.org/realms/internal/users/seeder"}""";

    private final EventTypeUpcaster upcaster = assertInstanceOf(EventTypeUpcaster.class, new KnowledgeGraphUpcasters()
            .chain().upcasterFor(EventType.of("KgEvent$OrganizationCreated", "1.0")).orElseThrow());
    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(upcaster);

    @Test
    void movesToRevision1_1WithoutDecodingThePayload() {
        GivenEvent given = fixture.given("KgEvent$OrganizationCreated@1.0", LEGACY, Set.of("organization"));

        UpcastOutcome.Upcast upcast = assertInstanceOf(UpcastOutcome.Upcast.class, given.outcome());
        StoredEvent output = upcast.outputs().get(0);
        assertFalse(output.payload().isDecoded(), "the payload is carried over undecoded");
        assertEquals(LEGACY, output.payload().text(), "the stored bytes are kept");
        given.expectEvent("KgEvent$OrganizationCreated@1.1", LEGACY, Set.of("organization"));
    }

    @Test
    void isWrittenWithTheManifestOfTheV11Class() {
        assertEquals("io.recast.kg.v1_1.KgEvent$OrganizationCreated",
                KnowledgeGraphUpcasters.MANIFESTS.encode(upcaster.target()));
    }
}
