package io.recast.kg.v1_1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.recast.kg.KgCommand;
import io.recast.kg.ProjectDirectory;
import io.recast.kg.ProjectDirectory.ProjectInfo;
import io.recast.kg.RejectedCommand;
import io.recast.kg.Vocabulary;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainTest {

    private static final String T = "2024-01-01T00:00:00Z";
    private static final ProjectInfo PROJECT = new ProjectInfo("org-1", "https://kg/o/p/", "https://kg/o/p/vocab/",
            "/data/volumes/o/p");
    private static final ProjectDirectory PROJECTS = uuid -> "p1".equals(uuid) ? Optional.of(PROJECT) : Optional.empty();

    @Test
    void createAndTagBecomesACreationFollowedByATag() {
        List<KgEvent> events = Domain.decide(EntityState.initial("resources"), new KgCommand.CreateResource("r1",
                "https://kg/o/p/resources/r1", "p1", "schema", List.of(Vocabulary.ALPHA, "http://schema.org/Dataset"),
                JsonNodeFactory.instance.objectNode(), "v1", T, "alice"), PROJECTS);

        assertEquals(2, events.size());
        KgEvent.ResourceCreated created = assertInstanceOf(KgEvent.ResourceCreated.class, events.get(0));
        KgEvent.ResourceTagAdded tagged = assertInstanceOf(KgEvent.ResourceTagAdded.class, events.get(1));
        assertEquals(List.of("http://schema.org/Dataset"), created.types(), "nxv:Alpha is gone");
        assertEquals("org-1", created.organization());
        assertEquals(1, tagged.targetRev());
        assertEquals(2, tagged.rev());
    }

    @Test
    void anEmptyContextReceivesTheProjectsBaseAndVocab() throws Exception {
        var source = new ObjectMapper().readTree("{\"@context\":{},\"@type\":[\"" + Vocabulary.ALPHA + "\",\"x\"]}");

        var normalized = Domain.normalizeSource(source, PROJECT);

        assertEquals(new ObjectMapper().readTree("{\"@context\":{\"@base\":\"https://kg/o/p/\",\"@vocab\":"
                + "\"https://kg/o/p/vocab/\"},\"@type\":[\"x\"]}"), normalized);
    }

    @Test
    void fileAttributesGainLocationPathAndAStructuredDigest() {
        var attributes = Domain.fileAttributes(new io.recast.kg.v1_0.KgEvent.FileAttributes("u", "o/p/u/a.csv", "a.csv",
                "text/csv", 10, "SHA-256:abcd"), PROJECT);

        assertEquals("file:///data/volumes/o/p/o/p/u/a.csv", attributes.location());
        assertEquals("o/p/u/a.csv", attributes.path());
        assertEquals(new KgEvent.Digest("SHA-256", "abcd"), attributes.digest());
    }

    @Test
    void aRefreshYieldsNoEvent() {
        EntityState created = Domain.evolve(EntityState.initial("resources"), new KgEvent.ResourceCreated("r", "p1",
                "org-1", "s", List.of(), JsonNodeFactory.instance.objectNode(), 1, T, "a"));

        assertTrue(Domain.decide(created, new KgCommand.RefreshResource("r1", T, "a"), PROJECTS).isEmpty());
    }

    @Test
    void rejectsAResourceOfAnUnknownProject() {
        assertThrows(RejectedCommand.class, () -> Domain.decide(EntityState.initial("resources"),
                new KgCommand.CreateResource("r1", "id", "nope", "s", List.of(), JsonNodeFactory.instance.objectNode(),
                        null, T, "a"), PROJECTS));
    }

    @Test
    void tagsProjectScopedEventsWithTheirOrganizationAndNeverAlpha() {
        KgEvent event = new KgEvent.ResourceUpdated("r", "p1", "org-1", List.of("x"),
                JsonNodeFactory.instance.objectNode(), 2, T, "a");

        assertEquals(Set.of("resource", "project=p1", "org=org-1", "type=x"), Domain.tags(event));
    }
}
