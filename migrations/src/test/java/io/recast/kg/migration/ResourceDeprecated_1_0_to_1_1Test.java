package io.recast.kg.migration;

import static io.recast.kg.migration.TestProjects.ALPHA;
import static io.recast.kg.migration.TestProjects.CONTEXT;
import static io.recast.kg.migration.TestProjects.resourceTags;
import static io.recast.kg.migration.TestProjects.upcastResourceTags;

import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import org.junit.jupiter.api.Test;

class ResourceDeprecated_1_0_to_1_1Test {

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new ResourceDeprecated_1_0_to_1_1())
            .withContext(CONTEXT);

    @Test
    void removesAlphaFromTheRepeatedTypesAndGainsTheOrganization() {
        fixture.given("KgEvent$ResourceDeprecated@1.0", """
                        {"id": "https://kg.example.org/org0/project3/resources/r1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "types": ["https://bluebrain.github.io/nexus/vocabulary/Alpha"],
                         "rev": 10, "instant": "2024-01-01T00:05:37Z", "subject": "seeder"}
                        """, resourceTags(ALPHA))
                .expectEvent("KgEvent$ResourceDeprecated@1.1", """
                        {"id": "https://kg.example.org/org0/project3/resources/r1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                         "types": [], "rev": 10, "instant": "2024-01-01T00:05:37Z", "subject": "seeder"}
                        """, upcastResourceTags());
    }

    @Test
    void quarantinesADeprecationOfAProjectThatTheFirstPassDidNotSee() {
        fixture.given("KgEvent$ResourceDeprecated@1.0", """
                        {"id": "r1", "project": "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa", "types": [], "rev": 2,
                         "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MISSING_CONTEXT);
    }

    @Test
    void quarantinesADeprecationWithoutTypesAsMalformed() {
        fixture.given("KgEvent$ResourceDeprecated@1.0", """
                        {"id": "r1", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "rev": 2}
                        """)
                .expectFailure(UpcastErrorCode.MALFORMED_PAYLOAD);
    }
}
