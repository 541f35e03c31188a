package io.recast.kg.migration;

import static io.recast.kg.migration.TestProjects.CONTEXT;
import static io.recast.kg.migration.TestProjects.ORG;
import static io.recast.kg.migration.TestProjects.ORG_TAG;
import static io.recast.kg.migration.TestProjects.PROJECT;
import static io.recast.kg.migration.TestProjects.PROJECT_TAG;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.testkit.UpcasterFixture;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import io.recast.kg.migration.KnowledgeGraphContext.ProjectFacts;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileCreated_1_0_to_1_1Test {

    private final UpcasterFixture fixture = UpcasterFixture.forUpcaster(new FileCreated_1_0_to_1_1())
            .withContext(CONTEXT);

    @Test
    void locatesTheFileOnItsProjectsVolumeAndStructuresItsDigest() {
        fixture.given("KgEvent$FileCreated@1.0", """
                        {"id": "https://kg.example.org/org0/project3/files/f1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "attributes": {"uuid": "4c7221a8-340e-30d4-74bc-3836e4ecf7f0",
                                        "filePath": "org0/project3/4c7221a8-340e-30d4-74bc-3836e4ecf7f0/trace-203.csv",
                                        "filename": "trace-203.csv", "mediaType": "text/csv", "bytes": 7703242,
                                        "digest": "SHA-256:86546d09545770af27cf1588e875e76d"},
                         "rev": 1, "instant": "2024-01-01T00:04:34Z", "subject": "seeder"}
                        """, Set.of("file", PROJECT_TAG))
                .expectEvent("KgEvent$FileCreated@1.1", """
                        {"id": "https://kg.example.org/org0/project3/files/f1",
                         "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                         "storage": {"id": "nxv:diskStorageDefault", "rev": 1},
                         "attributes": {"uuid": "4c7221a8-340e-30d4-74bc-3836e4ecf7f0",
                                        "location": "file:///data/volumes/org0/project3/org0/project3/4c7221a8-340e-30d4-74bc-3836e4ecf7f0/trace-203.csv",
                                        "path": "org0/project3/4c7221a8-340e-30d4-74bc-3836e4ecf7f0/trace-203.csv",
                                        "filename": "trace-203.csv", "mediaType": "text/csv", "bytes": 7703242,
                                        "digest": {"algorithm": "SHA-256",
                                                   "value": "86546d09545770af27cf1588e875e76d"}},
                         "rev": 1, "instant": "2024-01-01T00:04:34Z", "subject": "seeder"}
                        """, Set.of("file", PROJECT_TAG, ORG_TAG));
    }

    @Test
    void doesNotDoubleTheSlashAfterAVolumeThatEndsWithOne() {
        UpcastContext context = UpcastContext.builder()
                .put(KnowledgeGraphContext.PROJECT, PROJECT, new ProjectFacts(ORG, "b", "v"))
                .put(KnowledgeGraphContext.VOLUME, PROJECT, "/mnt/")
                .snapshot();

        fixture.withContext(context).given("KgEvent$FileCreated@1.0", """
                        {"id": "f2", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "attributes": {"uuid": "u", "filePath": "a/b.csv", "filename": "b.csv",
                                        "mediaType": "text/csv", "bytes": 1, "digest": "SHA-256:ab"},
                         "rev": 1, "instant": "i", "subject": "s"}
                        """)
                .expectEvent("KgEvent$FileCreated@1.1", """
                        {"id": "f2", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "organization": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                         "storage": {"id": "nxv:diskStorageDefault", "rev": 1},
                         "attributes": {"uuid": "u", "location": "file:///mnt/a/b.csv", "path": "a/b.csv",
                                        "filename": "b.csv", "mediaType": "text/csv", "bytes": 1,
                                        "digest": {"algorithm": "SHA-256", "value": "ab"}},
                         "rev": 1, "instant": "i", "subject": "s"}
                        """);
    }

    @Test
    void quarantinesAFileOfAProjectThatTheFirstPassDidNotSee() {
        fixture.given("KgEvent$FileCreated@1.0", """
                        {"id": "f3", "project": "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa",
                         "attributes": {"uuid": "u", "filePath": "a.csv", "filename": "a.csv",
                                        "mediaType": "text/csv", "bytes": 1, "digest": "SHA-256:ab"},
                         "rev": 1, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MISSING_CONTEXT);
    }

    @Test
    void quarantinesAFileOfAProjectWithoutStorage() {
        UpcastFailure failure = fixture.withContext(TestProjects.WITHOUT_STORAGE)
                .given("KgEvent$FileCreated@1.0", """
                        {"id": "f4", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                         "attributes": {"uuid": "u", "filePath": "a.csv", "filename": "a.csv",
                                        "mediaType": "text/csv", "bytes": 1, "digest": "SHA-256:ab"},
                         "rev": 1, "instant": "i", "subject": "s"}
                        """)
                .expectFailure(UpcastErrorCode.MISSING_CONTEXT);

        assertTrue(failure.message().contains("storageVolume"), failure.message());
    }

    @Test
    void quarantinesAFileWithoutAttributesAsMalformed() {
        fixture.given("KgEvent$FileCreated@1.0", """
                        {"id": "f5", "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "rev": 1}
                        """)
                .expectFailure(UpcastErrorCode.MALFORMED_PAYLOAD);
    }
}
