package io.recast.kg.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.EventType;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.rewrite.ContextCodec;
import io.recast.engine.upcast.ContextPass;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.kg.migration.KnowledgeGraphContext.ProjectFacts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnowledgeGraphContextTest {

    private final ContextPass pass = new ContextPass(KnowledgeGraphContext.collectors());

    @Test
    void collectsEachProjectsOrganizationBaseAndVocabUnderItsUuid() {
        pass.accept(event("projects-p1", "KgEvent$ProjectCreated@1.0", """
                {"id": "fea08002-09d7-6530-5730-b1ccaf1d7052", "label": "project3",
                 "organizationUuid": "bb0359bf-2d35-cb58-1698-1a439ca01ce0", "organizationLabel": "org0",
                 "description": "d", "base": "https://kg.example.org/org0/project3/",
                 "vocab": "https://kg.example.org/org0/project3/vocab/", "rev": 1, "instant": "i", "subject": "s"}
                """));

        assertEquals(Optional.of(new ProjectFacts(TestProjects.ORG, TestProjects.BASE, TestProjects.VOCAB)),
                pass.context().get(KnowledgeGraphContext.PROJECT, TestProjects.PROJECT));
        assertTrue(pass.failures().isEmpty());
    }

    @Test
    void collectsTheVolumeOfEachProjectsStorage() {
        pass.accept(event("storages-s1", "KgEvent$StorageCreated@1.0", """
                {"id": "https://kg.example.org/org0/project3/storages/s1",
                 "project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "volume": "/data/volumes/org0/project3",
                 "rev": 1, "instant": "i", "subject": "s"}
                """));

        assertEquals(Optional.of(TestProjects.VOLUME),
                pass.context().get(KnowledgeGraphContext.VOLUME, TestProjects.PROJECT));
    }

    @Test
    void doesNotDecodeTheOtherEvents() {
        StoredEvent resource = event("resources-r1", "KgEvent$ResourceCreated@1.0", "{\"project\": \"p\"}");
        StoredEvent upcastResource = event("resources-r2", "KgEvent$ResourceUpdated@1.1", "{}");

        pass.accept(resource);
        pass.accept(upcastResource);

        assertFalse(resource.payload().isDecoded());
        assertFalse(upcastResource.payload().isDecoded());
        assertTrue(pass.failures().isEmpty());
    }

    @Test
    void alsoReadsProjectsAndStoragesAlreadyRewrittenSoThatALaterRunKnowsThem() {
        pass.accept(event("projects-p3", "KgEvent$ProjectCreated@1.1", """
                {"id": "p3", "organizationUuid": "o3", "base": "b3", "vocab": "v3"}
                """));
        pass.accept(event("storages-s3", "KgEvent$StorageCreated@1.1", """
                {"id": "s3", "project": "p3", "volume": "/v3", "@type": "DiskStorage"}
                """));

        assertEquals("o3", pass.context().get(KnowledgeGraphContext.PROJECT, "p3").orElseThrow().organizationUuid());
        assertEquals(Optional.of("/v3"), pass.context().get(KnowledgeGraphContext.VOLUME, "p3"));
        assertTrue(pass.failures().isEmpty());
    }

    @Test
    void reportsAProjectWithoutOrganizationAndGoesOn() {
        pass.accept(event("projects-p1", "KgEvent$ProjectCreated@1.0", """
                {"id": "p1", "base": "b", "vocab": "v"}
                """));

        assertEquals(1, pass.failures().size());
        assertEquals(UpcastErrorCode.MALFORMED_PAYLOAD, pass.failures().get(0).code());
        assertEquals(Optional.empty(), pass.context().get(KnowledgeGraphContext.PROJECT, "p1"));
    }

    @Test
    void survivesBeingSavedAndRestoredForAResumedRun() {
        pass.accept(event("projects-p1", "KgEvent$ProjectCreated@1.0", """
                {"id": "fea08002-09d7-6530-5730-b1ccaf1d7052",
                 "organizationUuid": "bb0359bf-2d35-cb58-1698-1a439ca01ce0",
                 "base": "https://kg.example.org/org0/project3/", "vocab": "https://kg.example.org/org0/project3/vocab/"}
                """));
        pass.accept(event("storages-s1", "KgEvent$StorageCreated@1.0", """
                {"project": "fea08002-09d7-6530-5730-b1ccaf1d7052", "volume": "/data/volumes/org0/project3"}
                """));

        UpcastContext restored = ContextCodec.decode(ContextCodec.encode(pass.entries()),
                getClass().getClassLoader());

        assertEquals(pass.context().get(KnowledgeGraphContext.PROJECT, TestProjects.PROJECT),
                restored.get(KnowledgeGraphContext.PROJECT, TestProjects.PROJECT));
        assertEquals(Optional.of(TestProjects.VOLUME),
                restored.get(KnowledgeGraphContext.VOLUME, TestProjects.PROJECT));
    }

    private static StoredEvent event(String persistenceId, String type, String json) {
        return StoredEvent.builder()
                .persistenceId(persistenceId)
                .sequenceNr(1)
                .timestamp(Instant.parse("2024-01-01T00:00:00Z"))
                .type(EventType.parse(type))
                .payload(Payload.ofBytes(json.getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
