package io.recast.kg.migration;

import static io.recast.kg.migration.TestProjects.CONTEXT;
import static io.recast.kg.migration.TestProjects.ORG_TAG;
import static io.recast.kg.migration.TestProjects.PROJECT_TAG;

import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StorageCreated_1_0_to_1_1Test {

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new StorageCreated_1_0_to_1_1())
            .withContext(CONTEXT);

    @Test
    void becomesADiskStorageWithTheDefaultsOfV11() {
        fixture.given("KgEvent$StorageCreated@1.0", """
                        {"id": "https://kg.example.org/org0/project3/storages/s1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "volume": "/data/volumes/org0/project3",
                         "rev": 1, "instant": "2024-01-01T00:00:03Z", "subject": "seeder"}
                        """, Set.of("storage", PROJECT_TAG))
                .expectEvent("KgEvent$StorageCreated@1.1", """
                        {"id": "https://kg.example.org/org0/project3/storages/s1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                         "@type": "DiskStorage", "volume": "/data/volumes/org0/project3",
                         "readPermission": "resources/read", "writePermission": "files/write",
                         "maxFileSize": 10737418240,
                         "rev": 1, "instant": "2024-01-01T00:00:03Z", "subject": "seeder"}
                        """, Set.of("storage", PROJECT_TAG, ORG_TAG));
    }

    @Test
    void quarantinesAStorageOfAProjectThatTheFirstPassDidNotSee() {
        fixture.given("KgEvent$StorageCreated@1.0", """
                        {"id": "s1", "project": "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa", "volume": "/v",
                         "rev": 1, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MISSING_CONTEXT);
    }
}
