package io.recast.kg.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.EventType;
import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.Upcaster;
import io.recast.engine.upcast.UpcasterChain;
import io.recast.engine.upcast.UpcasterSet;
import io.recast.engine.upcast.UpcasterSets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KnowledgeGraphUpcastersTest {

    private final KnowledgeGraphUpcasters set = new KnowledgeGraphUpcasters();

    @Test
    void migratesTheKnowledgeGraphFrom1_0To1_1() {
        assertEquals("1.0", set.fromVersion());
        assertEquals("1.1", set.toVersion());
        assertEquals(List.of("1.0", "1.1"), set.chain().revisions());
        assertSame(set.chain(), set.chain());
        assertEquals(KnowledgeGraphContext.collectors(), set.collectors());
    }

    @Test
    void hasOneStepForEveryV10EventType() {
        Set<String> v10Events = Arrays.stream(io.recast.kg.v1_0.KgEvent.class.getPermittedSubclasses())
                .map(type -> KnowledgeGraphUpcasters.MANIFESTS.decode(type.getName()).toString())
                .collect(Collectors.toSet());
        Set<String> sources = set.chain().upcasters().stream().map(upcaster -> upcaster.source().toString())
                .collect(Collectors.toSet());

        assertEquals(v10Events, sources);
        assertEquals(12, set.chain().upcasters().size());
    }

    @Test
    void writesOnlyTypesThatTheV11ServiceReads() {
        Set<String> v11Events = Arrays.stream(io.recast.kg.v1_1.KgEvent.class.getPermittedSubclasses())
                .map(type -> KnowledgeGraphUpcasters.MANIFESTS.decode(type.getName()).toString())
                .collect(Collectors.toSet());

        for (String type : List.of("OrganizationCreated", "ProjectCreated", "ResourceCreated", "ResourceUpdated",
                "ResourceTagAdded", "ResourceDeprecated", "FileCreated", "FileUpdated", "StorageCreated",
                "ElasticSearchViewCreated", "SparqlViewCreated")) {
            assertTrue(v11Events.contains("KgEvent$" + type + "@1.1"), type);
        }
    }

    @Test
    void namesEachUpcasterClassAfterItsStep() {
        for (Upcaster upcaster : set.chain().upcasters()) {
            String event = upcaster.source().name().substring("KgEvent$".length());
            if (upcaster.getClass().getPackage().equals(KnowledgeGraphUpcasters.class.getPackage())) {
                assertEquals(event + "_1_0_to_1_1", upcaster.getClass().getSimpleName());
            }
        }
    }

    @Test
    void readsAndWritesTheServicesManifests() {
        assertEquals(EventType.of("KgEvent$ResourceCreated", "1.0"),
                KnowledgeGraphUpcasters.MANIFESTS.decode("io.recast.kg.v1_0.KgEvent$ResourceCreated"));
        assertEquals("io.recast.kg.v1_1.KgEvent$ResourceCreated",
                KnowledgeGraphUpcasters.MANIFESTS.encode(EventType.of("KgEvent$ResourceCreated", "1.1")));
    }

    @Test
    void isFoundThroughMetaInfServices() {
        UpcasterSet found = UpcasterSets.load().find("1.0", "1.1");

        assertInstanceOf(KnowledgeGraphUpcasters.class, found);
        assertSame(set.chain(), found.chain());
    }

    @Test
    void hasAStableChecksum() {
        String checksum = set.chain().checksum();

        assertTrue(checksum.matches("[0-9a-f]{64}"), checksum);
        assertEquals(checksum, set.chain().checksum());
        assertEquals(checksum, new KnowledgeGraphUpcasters().chain().checksum());
        assertEquals(checksum, rebuilt().checksum(), "the checksum does not depend on the order of add(...)");
    }

    @Test
    void leavesEventsAtRevision1_1Alone() {
        UpcasterFixture.forChain(set.chain())
                .given("KgEvent$ResourceCreated@1.1", "{\"project\": \"p\"}")
                .expectUnchanged();
    }

    @Test
    void reportsAV10TypeThatItDoesNotKnow() {
        UpcasterFixture.forChain(set.chain())
                .given("KgEvent$ResourceMoved@1.0", "{}")
                .expectFailure(UpcastErrorCode.MISSING_UPCASTER);
    }

    private UpcasterChain rebuilt() {
        List<Upcaster> reversed = new java.util.ArrayList<>(set.chain().upcasters());
        java.util.Collections.reverse(reversed);
        return UpcasterChain.builder().revisions("1.0", "1.1").addAll(reversed).build();
    }
}
