package io.recast.kg.migration;

import static io.recast.kg.migration.TestProjects.ALPHA;
import static io.recast.kg.migration.TestProjects.CONTEXT;
import static io.recast.kg.migration.TestProjects.resourceTags;
import static io.recast.kg.migration.TestProjects.upcastResourceTags;

import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import org.junit.jupiter.api.Test;

class ResourceTagAdded_1_0_to_1_1Test {

    private static final String ENTITY = "http://www.w3.org/ns/prov#Entity";

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new ResourceTagAdded_1_0_to_1_1())
            .withContext(CONTEXT);

    @Test
    void removesAlphaFromTheRepeatedTypesAndGainsTheOrganization() {
        fixture.given("KgEvent$ResourceTagAdded@1.0", """
                        {"id": "https://kg.example.org/org0/project3/resources/r1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "types": ["http://www.w3.org/ns/prov#Entity",
                                   "https://bluebrain.github.io/nexus/vocabulary/Alpha"],
                         "targetRev": 1, "tag": "v2", "rev": 4, "instant": "2024-01-01T00:05:03Z",
                         "subject": "seeder"}
                        """, resourceTags(ENTITY, ALPHA))
                .expectEvent("KgEvent$ResourceTagAdded@1.1", """
                        {"id": "https://kg.example.org/org0/project3/resources/r1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                         "types": ["http://www.w3.org/ns/prov#Entity"],
                         "targetRev": 1, "tag": "v2", "rev": 4, "instant": "2024-01-01T00:05:03Z",
                         "subject": "seeder"}
                        """, upcastResourceTags(ENTITY));
    }

    @Test
    void quarantinesATagOfAProjectThatTheFirstPassDidNotSee() {
        fixture.given("KgEvent$ResourceTagAdded@1.0", """
                        {"id": "r1", "project": "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa", "types": [],
                         "targetRev": 1, "tag": "v2", "rev": 2, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MISSING_CONTEXT);
    }
}
