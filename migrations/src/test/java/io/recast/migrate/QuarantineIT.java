package io.recast.migrate;

import static io.recast.migrate.RewriteFixture.rewrite;
import static io.recast.migrate.RewriteFixture.seed;
import static io.recast.migrate.RewriteFixture.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalRow;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.adapters.cassandra.RecastTables;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.rewrite.PidRewrite;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.kg.KgActorSystem;
import io.recast.kg.KgCommand;
import io.recast.kg.migration.KnowledgeGraphUpcasters;
import io.recast.kg.seed.EntityScript;
import io.recast.kg.seed.JournalSeeder;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.junit.jupiter.api.Test;

/**
 * Bad input in a journal written by the real v1.0 service, on the real Cassandra: every bad event is quarantined with
 * its original bytes, its persistence id is held back whole, every good event is rewritten and nothing is lost.
 */
@RealServers
@org.junit.jupiter.api.extension.ExtendWith(io.recast.faults.FaultsSummary.class)
class QuarantineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
    /** Pekko's Jackson JSON serializer. */
    private static final int JACKSON_JSON = 31;
    private static final String V1_0 = "io.recast.kg.v1_0.KgEvent$";
    private static final String V1_1 = "io.recast.kg.v1_1.";

    /** A persistence id with unicode, a pipe and spaces, holding one valid event: rewritten, not quarantined. */
    static final String UNUSUAL_PID = "resources-ünïcødé | with spaces ✓ 🧠 北京";
    /** A persistence id whose first event is valid and whose second is malformed. */
    static final String HALF_BAD_PID = "resources-half-bad";

    /** A row inserted by the test; {@code expected} is the code it is quarantined with, or null if it is good. */
    record Inserted(String persistenceId, long sequenceNr, String manifest, byte[] event, Set<String> tags,
                    UpcastErrorCode expected) {

        String key() {
            return persistenceId + "#" + sequenceNr;
        }
    }

    /** What the test inserted into a seeded journal. */
    record BadInput(List<Inserted> rows, String unusualProject, String unusualOrganization) {

        List<Inserted> quarantined() {
            return rows.stream().filter(r -> r.expected() != null).toList();
        }

        /** The ids that must be held back: every id with at least one bad event. */
        Set<String> heldBackIds() {
            return quarantined().stream().map(Inserted::persistenceId).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        Map<UpcastErrorCode, Long> expectedByCode() {
            Map<UpcastErrorCode, Long> byCode = new EnumMap<>(UpcastErrorCode.class);
            quarantined().forEach(r -> byCode.merge(r.expected(), 1L, Long::sum));
            return byCode;
        }

        Map<String, UpcastErrorCode> expectedKeys() {
            Map<String, UpcastErrorCode> keys = new TreeMap<>();
            quarantined().forEach(r -> keys.put(r.key(), r.expected()));
            return keys;
        }
    }

    private static String keyspace() {
        return RewriteFixture.keyspace("quarantine_it_");
    }

    @Test
    void badEventsAreQuarantinedTheirIdsHeldBackAndNothingIsLost(LocalCassandra cassandra) throws Exception {
        String keyspace = keyspace();
        CassandraSettings settings = settings(cassandra, keyspace);
        SeedPlan plan = SeedPlan.generate(300, 40, 21);
        seed(settings, plan);

        try (CqlSession session = CassandraSessions.open(settings)) {
            JournalDump seeded = JournalDump.of(session, keyspace);
            assertEquals(300, seeded.events());
            BadInput bad = insertBadInput(session, keyspace, seeded, plan);
            JournalDump before = JournalDump.of(session, keyspace);
            assertEquals(300 + bad.rows().size(), before.events());

            RewriteResult run = rewrite(session, keyspace, RewriteOptions.run("q-1"));

            // the run finishes, but not clean: exactly the bad events are quarantined, by code and by name
            assertFalse(run.dryRun());
            assertFalse(run.clean(), "bad input makes the run unclean");
            assertEquals(before.events(), run.eventsRead());
            assertEquals(List.of(), run.contextFailures(), "no bad row is read by the first pass's collectors");
            assertEquals(bad.quarantined().size(), run.quarantined(), () -> "quarantined: " + run.listed());
            assertEquals(bad.expectedByCode(), run.quarantinedByCode(), () -> "quarantined: " + run.listed());
            assertEquals(Map.of(UpcastErrorCode.MALFORMED_PAYLOAD, 4L, UpcastErrorCode.UNKNOWN_MANIFEST, 1L,
                    UpcastErrorCode.MISSING_CONTEXT, 1L, UpcastErrorCode.UPCASTER_FAILED, 1L), run.quarantinedByCode());
            assertEquals(bad.heldBackIds().size(), run.heldBackIds());
            assertListed(bad, run);

            // every quarantined event is stored with its code, a message naming it, and its original bytes
            Map<String, Row> quarantine = new TreeMap<>();
            session.execute(SimpleStatement.newInstance("SELECT persistence_id, sequence_nr, type, code, upcaster,"
                    + " message, cause, ser_id, ser_manifest, event FROM " + keyspace + "." + RecastTables.QUARANTINE
                    + " WHERE run_id = ?", "q-1")).forEach(row -> quarantine.put(row.getString("persistence_id")
                    + "#" + row.getLong("sequence_nr"), row));
            assertEquals(bad.expectedKeys().keySet(), quarantine.keySet(), "one quarantine row per bad event, no more");
            for (Inserted expected : bad.quarantined()) {
                Row row = quarantine.get(expected.key());
                assertEquals(expected.expected().name(), row.getString("code"), expected.key());
                String message = row.getString("message");
                assertNotNull(message, expected.key());
                assertTrue(message.contains("persistenceId=" + expected.persistenceId())
                        && message.contains("sequenceNr=" + expected.sequenceNr()),
                        () -> "the message names the event " + expected.key() + ": " + message);
                assertEquals(JACKSON_JSON, row.getInt("ser_id"), expected.key());
                assertEquals(expected.manifest(), row.getString("ser_manifest"), expected.key());
                assertArrayEquals(expected.event(), bytes(row.getByteBuffer("event")),
                        () -> "the original bytes of " + expected.key());
                assertEquals(expectedType(expected), row.getString("type"), expected.key());
            }

            JournalDump after = JournalDump.of(session, keyspace);
            for (Inserted expected : bad.quarantined()) {
                Row row = quarantine.get(expected.key());
                boolean kept = after.rows().getOrDefault(expected.persistenceId(), List.of()).stream()
                        .anyMatch(r -> r.sequenceNr() == expected.sequenceNr());
                io.recast.faults.FaultsSummary.badInput(expected.persistenceId(), row != null
                        && expected.expected().name().equals(row.getString("code")), kept ? 0 : 1);
            }

            // held-back ids: every row byte for byte as it was, the valid first event of the half-bad id included
            for (String pid : bad.heldBackIds()) {
                assertEquals(before.rows().get(pid), after.rows().get(pid), () -> "held back: " + pid);
            }
            assertEquals(V1_0 + "ResourceCreated", after.rows().get(HALF_BAD_PID).get(0).serManifest(),
                    "all or nothing: the valid first event of a held-back id stays v1.0");

            // the id with unusual characters was rewritten like any other
            List<JournalRow> unusual = after.rows().get(UNUSUAL_PID);
            assertNotNull(unusual, "the unusual id is still there");
            assertEquals(1, unusual.size());
            JournalRow rewritten = unusual.get(0);
            assertEquals(1, rewritten.sequenceNr());
            assertEquals(V1_1 + "KgEvent$ResourceCreated", rewritten.serManifest());
            JsonNode payload = JSON.readTree(rewritten.event());
            assertEquals(bad.unusualOrganization(), payload.path("organization").asText());
            assertEquals(bad.unusualProject(), payload.path("project").asText());
            assertTrue(rewritten.tags().contains("org=" + bad.unusualOrganization()), () -> "tags: " + rewritten.tags());

            // every good id was rewritten: no event outside the held-back ids is still v1.0
            Set<String> goodIds = new LinkedHashSet<>(before.rows().keySet());
            goodIds.removeAll(bad.heldBackIds());
            assertEquals(goodIds.size(), run.rewrittenIds(), "every good id is rewritten");
            assertEquals(0, run.unchangedIds());
            for (String pid : goodIds) {
                assertTrue(after.rows().containsKey(pid), () -> "lost: " + pid);
                assertTrue(after.rows().get(pid).stream().allMatch(row -> row.serManifest().startsWith(V1_1)),
                        () -> "still v1.0: " + pid + " " + after.rows().get(pid));
            }
            assertEquals(before.rows().keySet(), after.rows().keySet(), "no persistence id appears or disappears");

            // nothing is lost: rows after = rows before - dropped + split outputs
            long refreshes = count(before, goodIds, V1_0 + "ResourceAttributesRefreshed");
            long createdAndTagged = count(before, goodIds, V1_0 + "ResourceCreatedAndTagged");
            assertTrue(refreshes > 0 && createdAndTagged > 0, "the seeded journal has drops and splits");
            assertEquals(refreshes, run.droppedEvents(), "every legacy refresh of a good id is dropped");
            assertEquals(createdAndTagged, run.splitEvents(), "every legacy create-and-tag of a good id is split");
            assertEquals(before.events() - run.droppedEvents() + run.splitEvents(), after.events());
            long heldBackRows = bad.heldBackIds().stream().mapToLong(pid -> before.rows().get(pid).size()).sum();
            assertEquals(heldBackRows + run.eventsAfter(), after.events(), "held back as they were, the rest rewritten");
        }
    }

    @Test
    void aDryRunReportsTheSameQuarantineAndWritesNothing(LocalCassandra cassandra) throws Exception {
        String keyspace = keyspace();
        CassandraSettings settings = settings(cassandra, keyspace);
        SeedPlan plan = SeedPlan.generate(300, 40, 21);
        seed(settings, plan);

        try (CqlSession session = CassandraSessions.open(settings)) {
            BadInput bad = insertBadInput(session, keyspace, JournalDump.of(session, keyspace), plan);
            JournalDump before = JournalDump.of(session, keyspace);
            Set<String> tablesBefore = tables(session, keyspace);

            RewriteResult dry = rewrite(session, keyspace, RewriteOptions.dryRun("q-dry"));

            assertTrue(dry.dryRun());
            assertFalse(dry.clean());
            assertEquals(before.events(), dry.eventsRead());
            assertEquals(bad.quarantined().size(), dry.quarantined(), () -> "quarantined: " + dry.listed());
            assertEquals(bad.expectedByCode(), dry.quarantinedByCode(), () -> "quarantined: " + dry.listed());
            assertEquals(bad.heldBackIds().size(), dry.heldBackIds());
            assertListed(bad, dry);
            assertEquals(0, dry.rowsWritten());

            assertEquals(before, JournalDump.of(session, keyspace), "a dry run leaves the journal identical");
            Set<String> tablesAfter = tables(session, keyspace);
            assertEquals(tablesBefore, tablesAfter, "a dry run creates no table");
            assertFalse(tablesAfter.contains(RecastTables.QUARANTINE), "no quarantine table");
        }
    }

    /**
     * What the quarantine asks for, "fix them and run again", with the same run id (the command line's default id
     * is the same for every run): the fixed ids are rewritten and the ids still bad are quarantined again.
     */
    @Test
    void fixedEventsAreRewrittenWhenTheSameRunIsRunAgain(LocalCassandra cassandra) throws Exception {
        fixAndRunAgain(cassandra, "q-1");
    }

    /** The same with a new run id: the fixed ids are rewritten and the ids still bad are quarantined again. */
    @Test
    void fixedEventsAreRewrittenByANewRun(LocalCassandra cassandra) throws Exception {
        fixAndRunAgain(cassandra, "q-2");
    }

    private static void fixAndRunAgain(LocalCassandra cassandra, String secondRunId) throws Exception {
        String keyspace = keyspace();
        CassandraSettings settings = settings(cassandra, keyspace);
        SeedPlan plan = SeedPlan.generate(300, 40, 21);
        seed(settings, plan);

        try (CqlSession session = CassandraSessions.open(settings)) {
            BadInput bad = insertBadInput(session, keyspace, JournalDump.of(session, keyspace), plan);
            RewriteResult first = rewrite(session, keyspace, RewriteOptions.run("q-1"));
            assertEquals(bad.expectedByCode(), first.quarantinedByCode());

            // the operator fixes two of the held-back ids in place: a types array, and a valid second event
            JournalDump quarantined = JournalDump.of(session, keyspace);
            JournalRow typesNumber = quarantined.rows().get("resources-types-number").get(0);
            ObjectNode fixedTypes = (ObjectNode) JSON.readTree(typesNumber.event());
            fixedTypes.putArray("types").add("http://schema.org/Dataset");
            replaceEvent(session, keyspace, typesNumber, JSON.writeValueAsBytes(fixedTypes));
            JournalRow halfBadFirst = quarantined.rows().get(HALF_BAD_PID).get(0);
            JournalRow halfBadSecond = quarantined.rows().get(HALF_BAD_PID).get(1);
            ObjectNode update = (ObjectNode) JSON.readTree(halfBadFirst.event());
            update.remove("schema");
            update.put("rev", 2);
            replaceEvent(session, keyspace, halfBadSecond, JSON.writeValueAsBytes(update));
            Set<String> fixedIds = Set.of("resources-types-number", HALF_BAD_PID);
            JournalDump fixed = JournalDump.of(session, keyspace);

            RewriteResult again = rewrite(session, keyspace, RewriteOptions.run(secondRunId));

            Map<UpcastErrorCode, Long> stillBad = new EnumMap<>(bad.expectedByCode());
            stillBad.put(UpcastErrorCode.MALFORMED_PAYLOAD, stillBad.get(UpcastErrorCode.MALFORMED_PAYLOAD) - 2);
            assertEquals(stillBad, again.quarantinedByCode(), () -> "run " + secondRunId + " after the fix: read "
                    + again.eventsRead() + " events, skipped " + again.slicesSkipped() + " slices, quarantined "
                    + again.listed().stream().map(q -> q.persistenceId() + "#" + q.sequenceNr() + " "
                    + q.failure().code()).toList());
            assertFalse(again.clean(), "the ids still bad are still quarantined");
            assertEquals(bad.heldBackIds().size() - fixedIds.size(), again.heldBackIds());
            assertEquals(fixedIds.size(), again.rewrittenIds(), "the fixed ids, and nothing else, are rewritten");

            JournalDump after = JournalDump.of(session, keyspace);
            for (String pid : fixedIds) {
                assertTrue(after.rows().get(pid).stream().allMatch(row -> row.serManifest().startsWith(V1_1)),
                        () -> "fixed but still v1.0: " + pid);
                for (JournalRow row : after.rows().get(pid)) {
                    assertEquals(bad.unusualOrganization(), JSON.readTree(row.event()).path("organization").asText(),
                            () -> "organization of " + pid);
                }
            }
            for (String pid : fixed.rows().keySet()) {
                if (!fixedIds.contains(pid)) {
                    assertEquals(fixed.rows().get(pid), after.rows().get(pid), () -> "unchanged: " + pid);
                }
            }
        }
    }

    /** Overwrites the event of a stored row, every other column (and so its key) as it was. */
    private static void replaceEvent(CqlSession session, String keyspace, JournalRow row, byte[] event) {
        session.execute(session.prepare(JournalSchema.insertMessage(keyspace, false)).bind(row.persistenceId(),
                row.partitionNr(), row.sequenceNr(), row.timestamp(), row.timebucket(), row.writerUuid(), row.serId(),
                row.serManifest(), row.eventManifest(), ByteBuffer.wrap(event), row.tags()));
    }

    /** result.listed() names each bad event by persistence id and sequence number, with its code and type. */
    private static void assertListed(BadInput bad, RewriteResult result) {
        Map<String, UpcastErrorCode> listed = new TreeMap<>();
        for (PidRewrite.Quarantined q : result.listed()) {
            listed.put(q.persistenceId() + "#" + q.sequenceNr(), q.failure().code());
        }
        assertEquals(bad.expectedKeys(), listed);
        Map<String, Inserted> byKey = new HashMap<>();
        bad.quarantined().forEach(r -> byKey.put(r.key(), r));
        for (PidRewrite.Quarantined q : result.listed()) {
            Inserted expected = byKey.get(q.persistenceId() + "#" + q.sequenceNr());
            assertEquals(expectedType(expected), q.type(), expected.key());
        }
    }

    /** The quarantined type: {@code Name@revision}, or the raw manifest of a row whose manifest cannot be read. */
    private static String expectedType(Inserted row) {
        return row.expected() == UpcastErrorCode.UNKNOWN_MANIFEST ? row.manifest()
                : row.manifest().substring("io.recast.kg.v1_0.".length()) + "@1.0";
    }

    /**
     * Inserts, with the plugin's own insert, one new persistence id per kind of bad input (and the two special ids),
     * built from events the real v1.0 service wrote.
     */
    private static BadInput insertBadInput(CqlSession session, String keyspace, JournalDump seeded, SeedPlan plan)
            throws IOException {
        JournalRow resourceCreated = first(seeded, V1_0 + "ResourceCreated");
        JournalRow fileCreated = first(seeded, V1_0 + "FileCreated");
        JournalRow viewCreated = first(seeded, V1_0 + "ViewCreated");
        assertEquals(JACKSON_JSON, resourceCreated.serId(), "the service writes with Pekko's Jackson JSON serializer");
        ObjectNode resource = (ObjectNode) JSON.readTree(resourceCreated.event());
        String project = resource.get("project").asText();
        String organization = organizationOf(plan, project);
        Set<String> resourceTags = Set.of("resource", "project=" + project);

        List<Inserted> rows = new ArrayList<>();
        // 1. malformed JSON under a valid v1.0 manifest
        rows.add(new Inserted("resources-malformed-json", 1, V1_0 + "ResourceCreated",
                utf8("{\"id\": \"x\", "), resourceTags, UpcastErrorCode.MALFORMED_PAYLOAD));
        // 2. a manifest that no codec reads
        rows.add(new Inserted("resources-unknown-manifest", 1, "com.example.Unknown",
                utf8("{\"id\": \"x\", \"rev\": 1}"), Set.of(), UpcastErrorCode.UNKNOWN_MANIFEST));
        // 3. a resource of a project that no ProjectCreated created
        ObjectNode orphan = resource.deepCopy();
        orphan.put("id", "https://kg.example.org/orphans/resources/r1");
        orphan.put("project", UUID.randomUUID().toString());
        rows.add(new Inserted("resources-orphan", 1, V1_0 + "ResourceCreated", JSON.writeValueAsBytes(orphan),
                Set.of("resource", "project=" + orphan.get("project").asText()), UpcastErrorCode.MISSING_CONTEXT));
        // 4. wrong field types: the upcasters read them as malformed payloads ...
        ObjectNode typesNumber = resource.deepCopy();
        typesNumber.put("id", "https://kg.example.org/bad/resources/types-number");
        typesNumber.put("types", 42);
        rows.add(new Inserted("resources-types-number", 1, V1_0 + "ResourceCreated",
                JSON.writeValueAsBytes(typesNumber), resourceTags, UpcastErrorCode.MALFORMED_PAYLOAD));
        ObjectNode digestObject = (ObjectNode) JSON.readTree(fileCreated.event());
        digestObject.put("id", "https://kg.example.org/bad/files/digest-object");
        ((ObjectNode) digestObject.get("attributes")).putObject("digest").put("algorithm", "SHA-256").put("value", "ab");
        rows.add(new Inserted("files-digest-object", 1, V1_0 + "FileCreated", JSON.writeValueAsBytes(digestObject),
                fileCreated.tags(), UpcastErrorCode.MALFORMED_PAYLOAD));
        // ... and a value no rule covers makes an upcaster throw
        ObjectNode unknownKind = (ObjectNode) JSON.readTree(viewCreated.event());
        unknownKind.put("id", "https://kg.example.org/bad/views/lucene");
        unknownKind.put("kind", "Lucene");
        rows.add(new Inserted("views-unknown-kind", 1, V1_0 + "ViewCreated", JSON.writeValueAsBytes(unknownKind),
                viewCreated.tags(), UpcastErrorCode.UPCASTER_FAILED));
        // 5. unusual characters in the persistence id, a valid event of an existing project: rewritten normally
        ObjectNode valid = resource.deepCopy();
        valid.put("id", "https://kg.example.org/odd/resources/unusual");
        rows.add(new Inserted(UNUSUAL_PID, 1, V1_0 + "ResourceCreated", JSON.writeValueAsBytes(valid),
                resourceCreated.tags(), null));
        // 6. a valid first event, a malformed second one: the whole id is held back
        ObjectNode halfBad = resource.deepCopy();
        halfBad.put("id", "https://kg.example.org/odd/resources/half-bad");
        rows.add(new Inserted(HALF_BAD_PID, 1, V1_0 + "ResourceCreated", JSON.writeValueAsBytes(halfBad),
                resourceCreated.tags(), null));
        rows.add(new Inserted(HALF_BAD_PID, 2, V1_0 + "ResourceUpdated",
                utf8("{\"id\": \"https://kg.example.org/odd/resources/half-bad\", \"rev\": 2, "), resourceTags,
                UpcastErrorCode.MALFORMED_PAYLOAD));

        PreparedStatement insert = session.prepare(JournalSchema.insertMessage(keyspace, false));
        String writer = UUID.randomUUID().toString();
        for (Inserted row : rows) {
            UUID timestamp = Uuids.timeBased();
            long millis = Uuids.unixTimestamp(timestamp);
            session.execute(insert.bind(row.persistenceId(), 0L, row.sequenceNr(), timestamp,
                    Long.toString(millis - millis % HOUR_MILLIS), writer, JACKSON_JSON, row.manifest(), "",
                    ByteBuffer.wrap(row.event()), row.tags()));
        }
        return new BadInput(List.copyOf(rows), project, organization);
    }

    private static long count(JournalDump dump, Set<String> pids, String manifest) {
        return pids.stream().flatMap(pid -> dump.rows().get(pid).stream())
                .filter(row -> row.serManifest().equals(manifest)).count();
    }

    private static JournalRow first(JournalDump dump, String manifest) {
        return dump.rows().values().stream().flatMap(List::stream).filter(row -> row.serManifest().equals(manifest))
                .findFirst().orElseThrow(() -> new AssertionError("the seeded journal has no " + manifest));
    }

    private static String organizationOf(SeedPlan plan, String project) {
        for (EntityScript script : plan.entities()) {
            for (KgCommand command : script.commands()) {
                if (command instanceof KgCommand.CreateProject p && p.entityId().equals(project)) {
                    return p.organizationUuid();
                }
            }
        }
        throw new AssertionError("no project " + project + " in the plan");
    }

    private static Set<String> tables(CqlSession session, String keyspace) {
        session.refreshSchema();
        return session.getMetadata().getKeyspace(keyspace).orElseThrow().getTables().keySet().stream()
                .map(id -> id.asInternal()).collect(Collectors.toSet());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        assertNotNull(buffer, "quarantined event bytes");
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
