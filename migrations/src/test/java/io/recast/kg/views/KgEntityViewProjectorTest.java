package io.recast.kg.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.view.EntityViews;
import io.recast.engine.view.IndexDocument;
import io.recast.engine.view.ViewProjectionException;
import io.recast.kg.KgCommand;
import io.recast.kg.ProjectDirectory;
import io.recast.kg.Vocabulary;
import io.recast.kg.v1_1.Domain;
import io.recast.kg.v1_1.EntityState;
import io.recast.kg.v1_1.KgEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KgEntityViewProjectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "p-uuid";
    private static final ProjectDirectory PROJECTS = uuid -> PROJECT.equals(uuid)
            ? Optional.of(new ProjectDirectory.ProjectInfo("o-uuid", "https://kg.example.org/p/", "https://kg.example.org/p/vocab/", "/v"))
            : Optional.empty();
    private static final String ID = "https://kg.example.org/p/resources/r1";

    private final KgEntityViewProjector projector = new KgEntityViewProjector();

    @Test
    void foldsAResourceIntoItsCurrentDocumentVersionedByRevision() {
        List<StoredEvent> events = run("resources-r1",
                new KgCommand.CreateResource("r1", ID, PROJECT, "schema", List.of("https://kg.example.org/Cell"),
                        source("first"), null, "2026-01-01T00:00:00Z", "alice"),
                new KgCommand.UpdateResource("r1", 1, List.of("https://kg.example.org/Neuron"), source("second"),
                        "2026-01-02T00:00:00Z", "bob"),
                new KgCommand.DeprecateResource("r1", 2, "2026-01-03T00:00:00Z", "bob"));

        EntityViews views = projector.project(events);

        IndexDocument document = views.document().orElseThrow();
        assertEquals(ID, document.id());
        assertEquals(3, document.version());
        ObjectNode body = document.source();
        assertEquals("second", body.path("http://schema.org/name").asText());
        assertEquals(List.of("https://kg.example.org/Neuron"), JSON.convertValue(body.get("@type"), List.class));
        assertEquals("o-uuid", body.path("_organization").asText());
        assertEquals(PROJECT, body.path("_project").asText());
        assertEquals(3, body.path("_rev").asLong());
        assertTrue(body.path("_deprecated").asBoolean());
        assertEquals("2026-01-01T00:00:00Z", body.path("_createdAt").asText());
        assertEquals("2026-01-03T00:00:00Z", body.path("_updatedAt").asText());
        assertFalse(body.has("@context"), "the context is not a document field");
    }

    @Test
    void graphHoldsTheSourceAsWrittenAndTheMetadata() {
        List<StoredEvent> events = run("resources-r1",
                new KgCommand.CreateResource("r1", ID, PROJECT, "schema", List.of(), source("only"), null,
                        "2026-01-01T00:00:00Z", "alice"));

        var graph = projector.project(events).graph().orElseThrow();

        assertEquals(ID, graph.graph());
        assertEquals(2, graph.documents().size());
        assertEquals("only", graph.documents().get(0).path("http://schema.org/name").asText());
        JsonNode metadata = graph.documents().get(1);
        assertEquals("1", metadata.path(Vocabulary.NXV + "rev").path("@value").asText());
        assertEquals("false", metadata.path(Vocabulary.NXV + "deprecated").path("@value").asText());
    }

    @Test
    void organizationsHaveNoView() {
        List<StoredEvent> events = run("organizations-o1",
                new KgCommand.CreateOrganization("o1", "org", "an org", "2026-01-01T00:00:00Z", "alice"));

        EntityViews views = projector.project(events);

        assertTrue(views.document().isEmpty());
        assertTrue(views.graph().isEmpty());
    }

    @Test
    void refusesALegacyEventNamingItAndAdvisingTheMigration() {
        StoredEvent legacy = StoredEvent.builder().persistenceId("resources-r9").sequenceNr(4)
                .timestamp(Instant.EPOCH).serializerId(33).type(EventType.of("KgEvent$ResourceCreated", "1.0"))
                .payload(Payload.ofJson(JSON.createObjectNode())).build();

        ViewProjectionException e = assertThrows(ViewProjectionException.class,
                () -> projector.project(List.of(legacy)));

        assertEquals("resources-r9", e.persistenceId());
        assertEquals(4, e.sequenceNr());
        assertTrue(e.getMessage().contains("recast migrate"), e.getMessage());
    }

    @Test
    void refusesAPayloadThatDoesNotDecode() {
        StoredEvent broken = StoredEvent.builder().persistenceId("resources-r9").sequenceNr(1)
                .timestamp(Instant.EPOCH).serializerId(33).type(EventType.of("KgEvent$ResourceCreated", "1.1"))
                .payload(Payload.ofBytes("{\"rev\": \"not a number\"".getBytes())).build();

        ViewProjectionException e = assertThrows(ViewProjectionException.class,
                () -> projector.project(List.of(broken)));

        assertEquals(1, e.sequenceNr());
        assertTrue(e.getMessage().contains("resources-r9 #1"), e.getMessage());
    }

    private static ObjectNode source(String name) {
        ObjectNode source = JSON.createObjectNode();
        source.putObject("@context").put("@vocab", "https://kg.example.org/p/vocab/");
        source.put("@id", ID);
        source.put("http://schema.org/name", name);
        return source;
    }

    /** The v1.1 events that the service writes for these commands, as the journal stores them. */
    private static List<StoredEvent> run(String persistenceId, KgCommand... commands) {
        String kind = persistenceId.substring(0, persistenceId.indexOf('-'));
        EntityState state = EntityState.initial(kind);
        List<StoredEvent> stored = new ArrayList<>();
        for (KgCommand command : commands) {
            for (KgEvent event : Domain.decide(state, command, PROJECTS)) {
                state = Domain.evolve(state, event);
                stored.add(StoredEvent.builder().persistenceId(persistenceId).sequenceNr(stored.size() + 1)
                        .timestamp(Instant.EPOCH).serializerId(33)
                        .type(EventType.of("KgEvent$" + event.getClass().getSimpleName(), "1.1"))
                        .payload(Payload.ofBytes(toBytes(event))).build());
            }
        }
        return stored;
    }

    private static byte[] toBytes(KgEvent event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
