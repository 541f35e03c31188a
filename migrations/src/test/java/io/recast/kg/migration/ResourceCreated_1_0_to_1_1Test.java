package io.recast.kg.migration;

import static io.recast.kg.migration.TestProjects.ALPHA;
import static io.recast.kg.migration.TestProjects.CONTEXT;
import static io.recast.kg.migration.TestProjects.resourceTags;
import static io.recast.kg.migration.TestProjects.upcastResourceTags;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import org.junit.jupiter.api.Test;

class ResourceCreated_1_0_to_1_1Test {

    private static final String DATASET = "http://schema.org/Dataset";

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new ResourceCreated_1_0_to_1_1())
            .withContext(CONTEXT);

    @Test
    void removesAlphaAndGainsTheOrganizationOfItsProject() {
        fixture.given("KgEvent$ResourceCreated@1.0", """
                        {"id": "https://kg.example.org/org0/project3/resources/r1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "schema": "https://bluebrain.github.io/nexus/schemas/unconstrained.json",
                         "types": ["http://schema.org/Dataset", "https://bluebrain.github.io/nexus/vocabulary/Alpha"],
                         "source": {"@context": {"@base": "https://kg.example.org/org0/project3/",
                                                 "schema": "http://schema.org/"},
                                    "@id": "https://kg.example.org/org0/project3/resources/r1",
                                    "@type": ["http://schema.org/Dataset",
                                              "https://bluebrain.github.io/nexus/vocabulary/Alpha"],
                                    "http://schema.org/name": "Synapse atlas",
                                    "http://schema.org/size": 382919},
                         "rev": 1, "instant": "2024-01-01T00:00:26Z", "subject": "seeder"}
                        """, resourceTags(DATASET, ALPHA))
                .expectEvent("KgEvent$ResourceCreated@1.1", """
                        {"id": "https://kg.example.org/org0/project3/resources/r1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                         "schema": "https://bluebrain.github.io/nexus/schemas/unconstrained.json",
                         "types": ["http://schema.org/Dataset"],
                         "source": {"@context": {"@base": "https://kg.example.org/org0/project3/",
                                                 "schema": "http://schema.org/"},
                                    "@id": "https://kg.example.org/org0/project3/resources/r1",
                                    "@type": ["http://schema.org/Dataset"],
                                    "http://schema.org/name": "Synapse atlas",
                                    "http://schema.org/size": 382919},
                         "rev": 1, "instant": "2024-01-01T00:00:26Z", "subject": "seeder"}
                        """, upcastResourceTags(DATASET));
    }

    @Test
    void givesAnEmptyContextTheBaseAndVocabOfItsProject() {
        fixture.given("KgEvent$ResourceCreated@1.0", """
                        {"id": "r2", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "schema": "s",
                         "types": [], "source": {"@context": {}, "@id": "r2"},
                         "rev": 1, "instant": "2024-01-01T00:00:27Z", "subject": "seeder"}
                        """)
                .expectEvent("KgEvent$ResourceCreated@1.1", """
                        {"id": "r2", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0", "schema": "s", "types": [],
                         "source": {"@context": {"@base": "https://kg.example.org/org0/project3/",
                                                 "@vocab": "https://kg.example.org/org0/project3/vocab/"},
                                    "@id": "r2"},
                         "rev": 1, "instant": "2024-01-01T00:00:27Z", "subject": "seeder"}
                        """);
    }

    @Test
    void givesASourceWithoutContextTheBaseAndVocabOfItsProject() {
        fixture.given("KgEvent$ResourceCreated@1.0", """
                        {"id": "r3", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "schema": "s",
                         "types": [], "source": {"@id": "r3"}, "rev": 1, "instant": "i", "subject": "s"}
                        """)
                .expectEvent("KgEvent$ResourceCreated@1.1", """
                        {"id": "r3", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0", "schema": "s", "types": [],
                         "source": {"@id": "r3",
                                    "@context": {"@base": "https://kg.example.org/org0/project3/",
                                                 "@vocab": "https://kg.example.org/org0/project3/vocab/"}},
                         "rev": 1, "instant": "i", "subject": "s"}
                        """);
    }

    @Test
    void aSourceTypedOnlyAlphaIsLeftWithNoType() {
        fixture.given("KgEvent$ResourceCreated@1.0", """
                        {"id": "r4", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "schema": "s",
                         "types": ["https://bluebrain.github.io/nexus/vocabulary/Alpha"],
                         "source": {"@context": {"@vocab": "v"},
                                    "@type": "https://bluebrain.github.io/nexus/vocabulary/Alpha"},
                         "rev": 1, "instant": "i", "subject": "s"}
                        """, resourceTags(ALPHA))
                .expectEvent("KgEvent$ResourceCreated@1.1", """
                        {"id": "r4", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0", "schema": "s", "types": [],
                         "source": {"@context": {"@vocab": "v"}, "@type": []},
                         "rev": 1, "instant": "i", "subject": "s"}
                        """, upcastResourceTags());
    }

    @Test
    void quarantinesAResourceOfAProjectThatTheFirstPassDidNotSee() {
        UpcastFailure failure = fixture.given("KgEvent$ResourceCreated@1.0", """
                        {"id": "r5", "project": "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa", "schema": "s",
                         "types": [], "source": {}, "rev": 1, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MISSING_CONTEXT);

        assertTrue(failure.message().contains(TestProjects.UNKNOWN_PROJECT), failure.message());
    }

    @Test
    void quarantinesAResourceWithoutProjectAsMalformed() {
        fixture.given("KgEvent$ResourceCreated@1.0", """
                        {"id": "r6", "schema": "s", "types": [], "source": {}, "rev": 1}
                        """)
                .expectFailure(UpcastErrorCode.MALFORMED_PAYLOAD);
    }
}
