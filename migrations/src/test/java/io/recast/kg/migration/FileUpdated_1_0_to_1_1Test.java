package io.recast.kg.migration;

import static io.recast.kg.migration.TestProjects.CONTEXT;
import static io.recast.kg.migration.TestProjects.ORG_TAG;
import static io.recast.kg.migration.TestProjects.PROJECT_TAG;

import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileUpdated_1_0_to_1_1Test {

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new FileUpdated_1_0_to_1_1())
            .withContext(CONTEXT);

    @Test
    void locatesTheNewFileOnItsProjectsVolumeAndStructuresItsDigest() {
        fixture.given("KgEvent$FileUpdated@1.0", """
                        {"id": "https://kg.example.org/org0/project3/files/f1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "attributes": {"uuid": "6e410e8f-10bb-360d-8c68-8eee6722177b",
                                        "filePath": "org0/project3/6e410e8f-10bb-360d-8c68-8eee6722177b/model-425.csv",
                                        "filename": "model-425.csv", "mediaType": "text/csv", "bytes": 9954787,
                                        "digest": "SHA-256:8ca38a926f48152f"},
                         "rev": 2, "instant": "2024-01-01T00:45:58Z", "subject": "seeder"}
                        """, Set.of("file", PROJECT_TAG))
                .expectEvent("KgEvent$FileUpdated@1.1", """
                        {"id": "https://kg.example.org/org0/project3/files/f1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                         "storage": {"id": "nxv:diskStorageDefault", "rev": 1},
                         "attributes": {"uuid": "6e410e8f-10bb-360d-8c68-8eee6722177b",
                                        "location": "file:///data/volumes/org0/project3/org0/project3/6e410e8f-10bb-360d-8c68-8eee6722177b/model-425.csv",
                                        "path": "org0/project3/6e410e8f-10bb-360d-8c68-8eee6722177b/model-425.csv",
                                        "filename": "model-425.csv", "mediaType": "text/csv", "bytes": 9954787,
                                        "digest": {"algorithm": "SHA-256", "value": "8ca38a926f48152f"}},
                         "rev": 2, "instant": "2024-01-01T00:45:58Z", "subject": "seeder"}
                        """, Set.of("file", PROJECT_TAG, ORG_TAG));
    }

    @Test
    void quarantinesAnUpdateOfAProjectThatTheFirstPassDidNotSee() {
        fixture.given("KgEvent$FileUpdated@1.0", """
                        {"id": "f1", "project": "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa",
                         "attributes": {"uuid": "u", "filePath": "a.csv", "filename": "a.csv",
                                        "mediaType": "text/csv", "bytes": 1, "digest": "SHA-256:ab"},
                         "rev": 2, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MISSING_CONTEXT);
    }
}
