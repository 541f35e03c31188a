package io.recast.kg.migration;

import static io.recast.kg.migration.TestProjects.CONTEXT;
import static io.recast.kg.migration.TestProjects.ORG_TAG;
import static io.recast.kg.migration.TestProjects.PROJECT_TAG;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import io.recast.engine.upcast.UpcastOutcome;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewCreated_1_0_to_1_1Test {

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new ViewCreated_1_0_to_1_1())
            .withContext(CONTEXT);

    @Test
    void anElasticSearchViewBecomesAnElasticSearchViewCreatedWithItsSourceAsText() {
        fixture.given("KgEvent$ViewCreated@1.0", """
                        {"id": "https://kg.example.org/org0/project3/views/defaultElasticSearch",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "kind": "ElasticSearch",
                         "uuid": "bb458761-e2d4-8d48-516d-113a38d518d1", "includeMetadata": true,
                         "rev": 1, "instant": "2024-01-01T00:00:04Z", "subject": "seeder"}
                        """, Set.of("view", PROJECT_TAG))
                .expectEvent("KgEvent$ElasticSearchViewCreated@1.1", """
                        {"id": "https://kg.example.org/org0/project3/views/defaultElasticSearch",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                         "uuid": "bb458761-e2d4-8d48-516d-113a38d518d1", "includeMetadata": true,
                         "resourceSchemas": [], "resourceTypes": [], "sourceAsText": true,
                         "rev": 1, "instant": "2024-01-01T00:00:04Z", "subject": "seeder"}
                        """, Set.of("view", PROJECT_TAG, ORG_TAG));
    }

    @Test
    void aSparqlViewBecomesASparqlViewCreatedWithoutItsSourceAsText() {
        fixture.given("KgEvent$ViewCreated@1.0", """
                        {"id": "https://kg.example.org/org0/project3/views/defaultSparql",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "kind": "Sparql",
                         "uuid": "0a1b2c3d-e2d4-8d48-516d-113a38d518d1", "includeMetadata": true,
                         "rev": 1, "instant": "2024-01-01T00:00:05Z", "subject": "seeder"}
                        """, Set.of("view", PROJECT_TAG))
                .expectEvent("KgEvent$SparqlViewCreated@1.1", """
                        {"id": "https://kg.example.org/org0/project3/views/defaultSparql",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                         "uuid": "0a1b2c3d-e2d4-8d48-516d-113a38d518d1", "includeMetadata": true,
                         "resourceSchemas": [], "resourceTypes": [], "sourceAsText": false,
                         "rev": 1, "instant": "2024-01-01T00:00:05Z", "subject": "seeder"}
                        """, Set.of("view", PROJECT_TAG, ORG_TAG));
    }

    @Test
    void isARenameNotASplit() {
        UpcastOutcome outcome = fixture.given("KgEvent$ViewCreated@1.0", """
                {"id": "v", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "kind": "Sparql", "uuid": "u",
                 "includeMetadata": true, "rev": 1, "instant": "i", "subject": "s"}
                """).outcome();

        assertTrue(outcome instanceof UpcastOutcome.Upcast upcast && upcast.outputs().size() == 1,
                outcome::toString);
    }

    @Test
    void quarantinesAViewOfAnUnknownKind() {
        UpcastFailure failure = fixture.given("KgEvent$ViewCreated@1.0", """
                        {"id": "v", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "kind": "Composite",
                         "uuid": "u", "includeMetadata": true, "rev": 1, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.UPCASTER_FAILED);

        assertTrue(failure.message().contains("Composite"), failure.message());
    }

    @Test
    void quarantinesAViewOfAProjectThatTheFirstPassDidNotSee() {
        fixture.given("KgEvent$ViewCreated@1.0", """
                        {"id": "v", "project": "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa", "kind": "Sparql",
                         "uuid": "u", "includeMetadata": true, "rev": 1, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MISSING_CONTEXT);
    }
}
