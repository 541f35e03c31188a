package io.recast.kg.migration;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.recast.engine.testkit.GivenEvent;
import io.recast.engine.testkit.UpcasterFixture;
import org.junit.jupiter.api.Test;

class ResourceAttributesRefreshed_1_0_to_1_1Test {

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new ResourceAttributesRefreshed_1_0_to_1_1());

    @Test
    void dropsTheRefreshWithoutDecodingIt() {
        GivenEvent refresh = fixture.given("KgEvent$ResourceAttributesRefreshed@1.0", """
                {"id": "https://kg.example.org/org0/project3/resources/r1",
                 "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                 "rev": 4, "instant": "2024-01-01T00:05:04Z", "subject": "seeder"}
                """);

        refresh.expectDropped();
        assertFalse(refresh.event().payload().isDecoded());
    }

    @Test
    void dropsARefreshOfAProjectThatTheFirstPassDidNotSee() {
        fixture.given("KgEvent$ResourceAttributesRefreshed@1.0", """
                        {"id": "r1", "project": "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa", "rev": 1}
                        """)
                .expectDropped();
    }
}
