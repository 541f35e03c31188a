package io.recast.kg.migration;

import static io.recast.engine.testkit.ExpectedEvent.event;
import static io.recast.kg.migration.TestProjects.ALPHA;
import static io.recast.kg.migration.TestProjects.CONTEXT;
import static io.recast.kg.migration.TestProjects.resourceTags;
import static io.recast.kg.migration.TestProjects.upcastResourceTags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.StoredEvent;
import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceCreatedAndTagged_1_0_to_1_1Test {

    private static final String ENTITY = "http://www.w3.org/ns/prov#Entity";

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new ResourceCreatedAndTagged_1_0_to_1_1())
            .withContext(CONTEXT);

    @Test
    void splitsIntoACreationOfRevision1AndATagOfRevision1AtRevision2() {
        List<StoredEvent> parts = fixture.given("KgEvent$ResourceCreatedAndTagged@1.0", """
                        {"id": "https://kg.example.org/org0/project3/resources/r1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "schema": "https://bluebrain.github.io/nexus/schemas/unconstrained.json",
                         "types": ["https://bluebrain.github.io/nexus/vocabulary/Alpha",
                                   "http://www.w3.org/ns/prov#Entity"],
                         "source": {"@context": {},
                                    "@type": ["https://bluebrain.github.io/nexus/vocabulary/Alpha",
                                              "http://www.w3.org/ns/prov#Entity"],
                                    "http://schema.org/name": "Slice atlas"},
                         "tag": "v1.0-release", "rev": 2, "instant": "2024-01-01T00:00:31Z", "subject": "seeder"}
                        """, resourceTags(ALPHA, ENTITY))
                .expectEvents(
                        event("KgEvent$ResourceCreated@1.1", """
                                {"id": "https://kg.example.org/org0/project3/resources/r1",
                                 "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                                 "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                                 "schema": "https://bluebrain.github.io/nexus/schemas/unconstrained.json",
                                 "types": ["http://www.w3.org/ns/prov#Entity"],
                                 "source": {"@context": {"@base": "https://kg.example.org/org0/project3/",
                                                         "@vocab": "https://kg.example.org/org0/project3/vocab/"},
                                            "@type": ["http://www.w3.org/ns/prov#Entity"],
                                            "http://schema.org/name": "Slice atlas"},
                                 "rev": 1, "instant": "2024-01-01T00:00:31Z", "subject": "seeder"}
                                """, upcastResourceTags(ENTITY)),
                        event("KgEvent$ResourceTagAdded@1.1", """
                                {"id": "https://kg.example.org/org0/project3/resources/r1",
                                 "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                                 "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                                 "types": ["http://www.w3.org/ns/prov#Entity"],
                                 "targetRev": 1, "tag": "v1.0-release",
                                 "rev": 2, "instant": "2024-01-01T00:00:31Z", "subject": "seeder"}
                                """, upcastResourceTags(ENTITY)));

        assertEquals(parts.get(0).key(), parts.get(1).key(), "the journal writer renumbers, not the upcaster");
    }

    @Test
    void countsAsASplit() {
        UpcastOutcome outcome = fixture.given("KgEvent$ResourceCreatedAndTagged@1.0", """
                {"id": "r1", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "schema": "s", "types": [],
                 "source": {}, "tag": "t", "rev": 2, "instant": "i", "subject": "s"}
                """).outcome();

        assertTrue(outcome instanceof UpcastOutcome.Upcast upcast && upcast.isSplit(), outcome::toString);
    }

    @Test
    void quarantinesACreationOfAProjectThatTheFirstPassDidNotSee() {
        fixture.given("KgEvent$ResourceCreatedAndTagged@1.0", """
                        {"id": "r1", "project": "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa", "schema": "s", "types": [],
                         "source": {}, "tag": "t", "rev": 2, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MISSING_CONTEXT);
    }

    @Test
    void quarantinesACreateAndTagWithoutItsTagAsMalformed() {
        fixture.given("KgEvent$ResourceCreatedAndTagged@1.0", """
                        {"id": "r1", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "schema": "s", "types": [],
                         "source": {}, "rev": 2, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MALFORMED_PAYLOAD);
    }
}
