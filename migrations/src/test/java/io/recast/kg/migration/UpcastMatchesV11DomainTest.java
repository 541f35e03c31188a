package io.recast.kg.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.engine.event.EventType;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.ContextPass;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcastOutcome;
import io.recast.engine.upcast.UpcastStatistics;
import io.recast.engine.upcast.Upcaster;
import io.recast.engine.upcast.UpcasterChain;
import io.recast.kg.KgCommand;
import io.recast.kg.ProjectDirectory;
import io.recast.kg.ProjectDirectory.ProjectInfo;
import io.recast.kg.seed.EntityScript;
import io.recast.kg.seed.SeedPlan;
import io.recast.kg.v1_0.KgEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migration's proof: a whole v1.0 journal (the seed plan's 3000 events), written as the v1.0 service writes it,
 * goes through the first pass and the chain, and every entity ends with exactly the events, and tags, that the v1.1
 * service writes for the same commands.
 */
class UpcastMatchesV11DomainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PEKKO_JACKSON_JSON = 31;

    private static final KnowledgeGraphUpcasters SET = new KnowledgeGraphUpcasters();
    private static SeedPlan plan;
    private static Map<String, List<StoredEvent>> journal;
    private static ContextPass pass;
    private static Map<String, List<UpcastOutcome>> outcomes;
    private static UpcastStatistics statistics;

    @BeforeAll
    static void migrateTheSeedJournal() throws Exception {
        plan = SeedPlan.generate(3000, 300, 5);
        journal = new LinkedHashMap<>();
        for (EntityScript script : plan.entities()) {
            journal.put(script.persistenceId(), legacyEvents(script));
        }
        pass = new ContextPass(SET.collectors());
        journal.values().forEach(events -> events.forEach(pass::accept));
        UpcastContext context = pass.context();
        outcomes = new LinkedHashMap<>();
        statistics = new UpcastStatistics();
        journal.forEach((persistenceId, events) -> outcomes.put(persistenceId, events.stream()
                .map(event -> SET.chain().upcast(event, context))
                .peek(statistics::record)
                .toList()));
    }

    /** The events the v1.0 service persists for the script, as Pekko's Jackson serializer stores them. */
    private static List<StoredEvent> legacyEvents(EntityScript script) throws Exception {
        List<StoredEvent> events = new ArrayList<>();
        io.recast.kg.v1_0.EntityState state = io.recast.kg.v1_0.EntityState.initial(script.kind());
        for (KgCommand command : script.commands()) {
            KgEvent event = io.recast.kg.v1_0.Domain.decide(state, command);
            state = io.recast.kg.v1_0.Domain.evolve(state, event);
            events.add(StoredEvent.builder()
                    .persistenceId(script.persistenceId())
                    .sequenceNr(events.size() + 1L)
                    .timestamp(Instant.parse(command.instant()))
                    .serializerId(PEKKO_JACKSON_JSON)
                    .tags(io.recast.kg.v1_0.Domain.tags(event))
                    .type(KnowledgeGraphUpcasters.MANIFESTS.decode(event.getClass().getName()))
                    .payload(Payload.ofBytes(JSON.writeValueAsBytes(event)))
                    .build());
        }
        return events;
    }

    /** The events the v1.1 service persists for the script. */
    private static List<io.recast.kg.v1_1.KgEvent> v11Events(EntityScript script, ProjectDirectory projects) {
        List<io.recast.kg.v1_1.KgEvent> events = new ArrayList<>();
        io.recast.kg.v1_1.EntityState state = io.recast.kg.v1_1.EntityState.initial(script.kind());
        for (KgCommand command : script.commands()) {
            for (io.recast.kg.v1_1.KgEvent event : io.recast.kg.v1_1.Domain.decide(state, command, projects)) {
                state = io.recast.kg.v1_1.Domain.evolve(state, event);
                events.add(event);
            }
        }
        return events;
    }

    /** What the v1.1 service knows of the plan's projects: their creation and their storage. */
    private static ProjectDirectory directory() {
        Map<String, KgCommand.CreateProject> created = new HashMap<>();
        Map<String, String> volumes = new HashMap<>();
        for (EntityScript script : plan.entities()) {
            for (KgCommand command : script.commands()) {
                if (command instanceof KgCommand.CreateProject project) {
                    created.put(project.entityId(), project);
                } else if (command instanceof KgCommand.CreateStorage storage) {
                    volumes.put(storage.project(), storage.volume());
                }
            }
        }
        Map<String, ProjectInfo> projects = new HashMap<>();
        created.forEach((uuid, project) -> projects.put(uuid, new ProjectInfo(project.organizationUuid(),
                project.base(), project.vocab(), volumes.get(uuid))));
        return uuid -> Optional.ofNullable(projects.get(uuid));
    }

    @Test
    void theFirstPassReadsEveryProjectAndStorageWithoutFailure() {
        assertTrue(pass.failures().isEmpty(), () -> "collector failures: " + pass.failures());
        List<EntityScript> projects = plan.entities().stream().filter(script -> script.kind().equals("projects"))
                .toList();
        assertTrue(projects.size() > 1, "the plan has several projects");
        for (EntityScript project : projects) {
            assertTrue(pass.context().get(KnowledgeGraphContext.PROJECT, project.entityId()).isPresent());
            assertTrue(pass.context().get(KnowledgeGraphContext.VOLUME, project.entityId()).isPresent());
        }
    }

    @Test
    void everyEntityEndsWithTheEventsAndTagsThatTheV11ServiceWrites() throws Exception {
        ProjectDirectory projects = directory();
        int compared = 0;
        for (EntityScript script : plan.entities()) {
            List<io.recast.kg.v1_1.KgEvent> expected = v11Events(script, projects);
            List<StoredEvent> actual = outputs(script.persistenceId());
            assertEquals(expected.size(), actual.size(), () -> script.persistenceId() + ": number of events");
            for (int i = 0; i < expected.size(); i++) {
                io.recast.kg.v1_1.KgEvent want = expected.get(i);
                StoredEvent got = actual.get(i);
                String where = script.persistenceId() + " event " + (i + 1) + " (" + got.type() + ")";
                assertEquals(KnowledgeGraphUpcasters.MANIFESTS.decode(want.getClass().getName()), got.type(), where);
                Class<?> type = Class.forName(KnowledgeGraphUpcasters.MANIFESTS.encode(got.type()));
                assertEquals(want, JSON.readValue(got.payload().bytes(), type), where);
                assertEquals(List.copyOf(io.recast.kg.v1_1.Domain.tags(want)), List.copyOf(got.tags()),
                        where + " tags");
                compared++;
            }
        }
        assertEquals(statistics.unchanged() + statistics.upcast() + statistics.splitOutputs(), compared);
    }

    @Test
    void upcastPayloadsAreTheBytesThatTheV11ServiceWrites() throws Exception {
        ProjectDirectory projects = directory();
        for (EntityScript script : plan.entities()) {
            List<io.recast.kg.v1_1.KgEvent> expected = v11Events(script, projects);
            List<StoredEvent> actual = outputs(script.persistenceId());
            for (int i = 0; i < expected.size(); i++) {
                StoredEvent got = actual.get(i);
                String where = script.persistenceId() + " event " + (i + 1) + " (" + got.type() + ")";
                assertArrayEquals(JSON.writeValueAsBytes(expected.get(i)), got.payload().bytes(),
                        () -> where + ": " + got.payload().text());
            }
        }
    }

    @Test
    void dropsEveryRefreshAndSplitsEveryCreateAndTag() {
        long refreshes = commands(KgCommand.RefreshResource.class);
        long createAndTags = plan.entities().stream().flatMap(script -> script.commands().stream())
                .filter(command -> command instanceof KgCommand.CreateResource create && create.tag() != null)
                .count();
        assertTrue(refreshes > 0 && createAndTags > 0, "the plan has refreshes and create-and-tags");
        assertEquals(refreshes, statistics.dropped());
        assertEquals(createAndTags, statistics.split());
        assertEquals(2 * createAndTags, statistics.splitOutputs());
        assertEquals(0, statistics.failed());
        assertEquals(plan.events(), statistics.total());
        assertEquals(plan.events() - refreshes - createAndTags, statistics.upcast(), "every other event is upcast");
    }

    @Test
    void theSeedJournalRunsEveryUpcasterOfTheChain() {
        Set<EventType> read = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        journal.values().forEach(events -> events.forEach(event -> read.add(event.type())));
        Set<EventType> sources = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        SET.chain().upcasters().stream().map(Upcaster::source).forEach(sources::add);
        assertEquals(sources, read);
    }

    @Test
    void outputsKeepTheirSourcesKeyTimestampAndSerializer() {
        outcomes.values().forEach(list -> list.forEach(outcome -> {
            UpcastOutcome.Upcast upcast = assertInstanceOf(UpcastOutcome.Upcast.class, outcome);
            for (StoredEvent output : upcast.outputs()) {
                assertEquals(upcast.source().key(), output.key());
                assertEquals(upcast.source().timestamp(), output.timestamp());
                assertEquals(upcast.source().serializerId(), output.serializerId());
                assertEquals("1.1", output.type().revision());
            }
        }));
    }

    @Test
    void aSecondRunLeavesTheMigratedJournalUnchanged() {
        UpcasterChain chain = SET.chain();
        outcomes.keySet().forEach(persistenceId -> outputs(persistenceId).forEach(event -> {
            if (!(chain.upcast(event, pass.context()) instanceof UpcastOutcome.Unchanged)) {
                fail(event + " was upcast again");
            }
        }));
    }

    private static List<StoredEvent> outputs(String persistenceId) {
        List<StoredEvent> outputs = new ArrayList<>();
        for (UpcastOutcome outcome : outcomes.get(persistenceId)) {
            if (outcome instanceof UpcastOutcome.Upcast upcast) {
                outputs.addAll(upcast.outputs());
            } else if (outcome instanceof UpcastOutcome.Unchanged unchanged) {
                outputs.add(unchanged.event());
            } else {
                fail(((UpcastOutcome.Failed) outcome).failure().toString());
            }
        }
        return outputs;
    }

    private static long commands(Class<? extends KgCommand> type) {
        return plan.entities().stream().flatMap(script -> script.commands().stream()).filter(type::isInstance).count();
    }
}
