package io.recast.kg.migration;

import static io.recast.kg.migration.TestProjects.ALPHA;
import static io.recast.kg.migration.TestProjects.CONTEXT;
import static io.recast.kg.migration.TestProjects.resourceTags;
import static io.recast.kg.migration.TestProjects.upcastResourceTags;

import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import org.junit.jupiter.api.Test;

class ResourceUpdated_1_0_to_1_1Test {

    private static final String PERSON = "http://schema.org/Person";

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new ResourceUpdated_1_0_to_1_1())
            .withContext(CONTEXT);

    @Test
    void removesAlphaGainsTheOrganizationAndFillsAnEmptyContext() {
        fixture.given("KgEvent$ResourceUpdated@1.0", """
                        {"id": "https://kg.example.org/org0/project3/resources/r1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "types": ["https://bluebrain.github.io/nexus/vocabulary/Alpha", "http://schema.org/Person"],
                         "source": {"@context": {},
                                    "@type": ["https://bluebrain.github.io/nexus/vocabulary/Alpha",
                                              "http://schema.org/Person"],
                                    "http://schema.org/keywords": ["slice", "axon"]},
                         "rev": 3, "instant": "2024-01-01T00:05:01Z", "subject": "seeder"}
                        """, resourceTags(ALPHA, PERSON))
                .expectEvent("KgEvent$ResourceUpdated@1.1", """
                        {"id": "https://kg.example.org/org0/project3/resources/r1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                         "types": ["http://schema.org/Person"],
                         "source": {"@context": {"@base": "https://kg.example.org/org0/project3/",
                                                 "@vocab": "https://kg.example.org/org0/project3/vocab/"},
                                    "@type": ["http://schema.org/Person"],
                                    "http://schema.org/keywords": ["slice", "axon"]},
                         "rev": 3, "instant": "2024-01-01T00:05:01Z", "subject": "seeder"}
                        """, upcastResourceTags(PERSON));
    }

    @Test
    void quarantinesAnUpdateOfAProjectThatTheFirstPassDidNotSee() {
        fixture.given("KgEvent$ResourceUpdated@1.0", """
                        {"id": "r1", "project": "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa", "types": [],
                         "source": {}, "rev": 2, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MISSING_CONTEXT);
    }

    @Test
    void quarantinesAnUpdateWithoutSourceAsMalformed() {
        fixture.given("KgEvent$ResourceUpdated@1.0", """
                        {"id": "r1", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "types": [], "rev": 2}
                        """)
                .expectFailure(UpcastErrorCode.MALFORMED_PAYLOAD);
    }
}
