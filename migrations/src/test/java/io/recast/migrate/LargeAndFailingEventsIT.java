package io.recast.migrate;

import static io.recast.migrate.RewriteFixture.seed;
import static io.recast.migrate.RewriteFixture.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.rewrite.PidRewrite;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.engine.upcast.ContextCollector;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.Upcaster;
import io.recast.engine.upcast.UpcasterChain;
import io.recast.engine.upcast.UpcasterSet;
import io.recast.faults.FaultsSummary;
import io.recast.kg.migration.KnowledgeGraphUpcasters;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input the quarantine test does not hold, on the real Cassandra journal: events of several megabytes (a valid
 * one is rewritten whole, byte for byte in its backup; a malformed one is quarantined with all its bytes) and an
 * upcaster that throws (a bug: a {@link NullPointerException} on one event), quarantined as {@code UPCASTER_FAILED}
 * with the upcaster's name. Each listed with persistence id and sequence number, nothing lost.
 */
@RealServers
@ExtendWith(FaultsSummary.class)
class LargeAndFailingEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
    private static final int JACKSON_JSON = 31;
    private static final String V1_0 = "io.recast.kg.v1_0.KgEvent$";
    private static final String V1_1 = "io.recast.kg.v1_1.KgEvent$";
    private static final int MB = 1024 * 1024;
    private static final String LARGE_VALID = "resources-large-valid";
    private static final String LARGE_MALFORMED = "resources-large-malformed";
    private static final String EXPLODING = "resources-exploding";
    /** The field that makes {@link ExplodingUpcasters}' upcaster of ResourceUpdated throw. */
    private static final String BUG_TRIGGER = "triggersTheBug";

    @Test
    void largeEventsAndAThrowingUpcasterAreHandledAsDocumentedAndNothingIsLost(LocalCassandra cassandra)
            throws Exception {
        String keyspace = RewriteFixture.keyspace("large_input_");
        CassandraSettings settings = settings(cassandra, keyspace);
        seed(settings, SeedPlan.generate(300, 40, 21));

        try (CqlSession session = CassandraSessions.open(settings)) {
            JournalDump seeded = JournalDump.of(session, keyspace);
            JournalRow created = first(seeded, V1_0 + "ResourceCreated");
            ObjectNode resource = (ObjectNode) JSON.readTree(created.event());
            String project = resource.get("project").asText();
            Set<String> tags = Set.of("resource", "project=" + project);

            ObjectNode large = resource.deepCopy();
            large.put("id", "https://kg.example.org/large/resources/valid");
            String description = "ü".repeat(5 * MB / 2); // 5 MB of UTF-8
            ((ObjectNode) large.get("source")).put("description", description);
            byte[] largeValid = JSON.writeValueAsBytes(large);
            byte[] largeMalformed = new byte[6 * MB];
            byte[] start = "{\"id\": \"https://kg.example.org/large/resources/malformed\", \"source\": \""
                    .getBytes(StandardCharsets.UTF_8);
            java.util.Arrays.fill(largeMalformed, (byte) 'x');
            System.arraycopy(start, 0, largeMalformed, 0, start.length); // never closed
            ObjectNode exploding = resource.deepCopy();
            exploding.put("id", "https://kg.example.org/bug/resources/exploding");
            exploding.remove("schema");
            exploding.put("rev", 2);
            exploding.put(BUG_TRIGGER, true);

            insert(session, keyspace, LARGE_VALID, 1, V1_0 + "ResourceCreated", largeValid, tags);
            insert(session, keyspace, LARGE_MALFORMED, 1, V1_0 + "ResourceCreated", largeMalformed, tags);
            ObjectNode explodingFirst = resource.deepCopy();
            explodingFirst.put("id", "https://kg.example.org/bug/resources/exploding");
            insert(session, keyspace, EXPLODING, 1, V1_0 + "ResourceCreated", JSON.writeValueAsBytes(explodingFirst),
                    tags);
            insert(session, keyspace, EXPLODING, 2, V1_0 + "ResourceUpdated", JSON.writeValueAsBytes(exploding),
                    tags);
            JournalDump before = JournalDump.of(session, keyspace);

            RewriteResult run = RewriteStep.run(session, keyspace, keyspace + "_snapshot", new ExplodingUpcasters(),
                    KnowledgeGraphUpcasters.MANIFESTS, RewriteOptions.run("large-1"), RewriteFixture.SCAN, n -> { });

            JournalDump after = JournalDump.of(session, keyspace);
            Map<String, Row> quarantine = quarantine(session, keyspace, "large-1");
            Map<String, UpcastErrorCode> listed = new TreeMap<>();
            for (PidRewrite.Quarantined q : run.listed()) {
                listed.put(q.persistenceId() + "#" + q.sequenceNr(), q.failure().code());
            }
            JournalRow rewritten = after.rows().get(LARGE_VALID).get(0);
            JsonNode rewrittenPayload = JSON.readTree(rewritten.event());
            boolean largeRewritten = rewritten.serManifest().equals(V1_1 + "ResourceCreated")
                    && description.equals(rewrittenPayload.path("source").path("description").asText())
                    && java.util.Arrays.equals(largeValid, backup(session, keyspace, LARGE_VALID, 1));
            Row malformedRow = quarantine.get(LARGE_MALFORMED + "#1");
            boolean largeQuarantined = malformedRow != null
                    && "MALFORMED_PAYLOAD".equals(malformedRow.getString("code"))
                    && java.util.Arrays.equals(largeMalformed, bytes(malformedRow.getByteBuffer("event")))
                    && UpcastErrorCode.MALFORMED_PAYLOAD == listed.get(LARGE_MALFORMED + "#1");
            Row explodedRow = quarantine.get(EXPLODING + "#2");
            boolean bugQuarantined = explodedRow != null && "UPCASTER_FAILED".equals(explodedRow.getString("code"))
                    && UpcastErrorCode.UPCASTER_FAILED == listed.get(EXPLODING + "#2");
            long lost = before.rows().keySet().stream().filter(pid -> !after.rows().containsKey(pid)).count();
            FaultsSummary.badInput("a valid event of 5 MB (rewritten whole)", largeRewritten, lost);
            FaultsSummary.badInput("a malformed event of 6 MB", largeQuarantined, 0);
            FaultsSummary.badInput("an upcaster that throws", bugQuarantined, 0);

            assertEquals(before.rows().keySet(), after.rows().keySet(), "no persistence id lost");
            assertEquals(before.events(), run.eventsRead(), "every event read, the large ones included");
            assertEquals(Map.of(LARGE_MALFORMED + "#1", UpcastErrorCode.MALFORMED_PAYLOAD,
                    EXPLODING + "#2", UpcastErrorCode.UPCASTER_FAILED), listed, "listed by id and sequence number");
            assertEquals(listed.keySet(), quarantine.keySet(), "one quarantine row per bad event");
            // the valid large event: upcast, its 5 MB kept, its original bytes in the backup
            assertEquals(V1_1 + "ResourceCreated", rewritten.serManifest());
            assertEquals(description, rewrittenPayload.path("source").path("description").asText());
            assertArrayEquals(largeValid, backup(session, keyspace, LARGE_VALID, 1), "backed up byte for byte");
            assertTrue(largeRewritten);
            // the malformed large event: quarantined with all its bytes, its row untouched
            assertTrue(largeQuarantined, () -> "quarantined: " + quarantine.keySet());
            assertArrayEquals(largeMalformed, after.rows().get(LARGE_MALFORMED).get(0).event());
            // the throwing upcaster: its event quarantined with the upcaster's name and the exception, the id held back
            assertTrue(bugQuarantined, () -> "quarantined: " + quarantine.keySet());
            assertTrue(explodedRow.getString("upcaster").contains("ExplodingResourceUpdated"),
                    explodedRow.getString("upcaster"));
            assertTrue(String.valueOf(explodedRow.getString("cause")).contains("NullPointerException")
                    || explodedRow.getString("message").contains("NullPointerException"),
                    () -> explodedRow.getString("message") + " / " + explodedRow.getString("cause"));
            assertTrue(explodedRow.getString("message").contains("persistenceId=" + EXPLODING)
                    && explodedRow.getString("message").contains("sequenceNr=2"), explodedRow.getString("message"));
            assertEquals(before.rows().get(EXPLODING), after.rows().get(EXPLODING), "held back as it was");
        }
    }

    private static void insert(CqlSession session, String keyspace, String pid, long seqNr, String manifest,
                               byte[] event, Set<String> tags) {
        PreparedStatement insert = session.prepare(JournalSchema.insertMessage(keyspace, false));
        UUID timestamp = Uuids.timeBased();
        long millis = Uuids.unixTimestamp(timestamp);
        session.execute(insert.bind(pid, 0L, seqNr, timestamp, Long.toString(millis - millis % HOUR_MILLIS),
                UUID.randomUUID().toString(), JACKSON_JSON, manifest, "", ByteBuffer.wrap(event), tags));
    }

    private static Map<String, Row> quarantine(CqlSession session, String keyspace, String runId) {
        Map<String, Row> rows = new TreeMap<>();
        session.execute(SimpleStatement.newInstance("SELECT persistence_id, sequence_nr, code, upcaster, message,"
                + " cause, event FROM " + keyspace + "." + RecastTables.QUARANTINE + " WHERE run_id = ?", runId))
                .forEach(row -> rows.put(row.getString("persistence_id") + "#" + row.getLong("sequence_nr"), row));
        return rows;
    }

    private static byte[] backup(CqlSession session, String keyspace, String pid, long seqNr) {
        Row row = session.execute("SELECT event FROM " + keyspace + "." + RecastTables.messagesBackup("1.0")
                + " WHERE persistence_id = ? AND partition_nr = 0 AND sequence_nr = ?", pid, seqNr).one();
        return row == null ? new byte[0] : bytes(row.getByteBuffer(0));
    }

    private static JournalRow first(JournalDump dump, String manifest) {
        return dump.rows().values().stream().flatMap(List::stream).filter(row -> row.serManifest().equals(manifest))
                .findFirst().orElseThrow();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** The knowledge graph's upcasters, but the one of ResourceUpdated has a bug: it throws on some events. */
    static final class ExplodingUpcasters implements UpcasterSet {
        private final KnowledgeGraphUpcasters real = new KnowledgeGraphUpcasters();
        private final UpcasterChain chain = UpcasterChain.builder()
                .revisions(real.chain().revisions().toArray(String[]::new))
                .addAll(real.chain().upcasters().stream().map(u -> u.source().name().endsWith("ResourceUpdated")
                        ? new ExplodingResourceUpdated(u) : u).toList())
                .build();

        @Override
        public String fromVersion() {
            return real.fromVersion();
        }

        @Override
        public String toVersion() {
            return real.toVersion();
        }

        @Override
        public UpcasterChain chain() {
            return chain;
        }

        @Override
        public List<ContextCollector> collectors() {
            return real.collectors();
        }

        @Override
        public io.recast.engine.event.ManifestCodec manifests() {
            return real.manifests();
        }
    }

    /** Throws a {@link NullPointerException} on events carrying {@link #BUG_TRIGGER}, like a bug would. */
    record ExplodingResourceUpdated(Upcaster real) implements Upcaster {
        @Override
        public EventType source() {
            return real.source();
        }

        @Override
        public String targetRevision() {
            return real.targetRevision();
        }

        @Override
        public Stream<StoredEvent> upcast(StoredEvent event, UpcastContext context) {
            if (new String(event.payload().bytes(), StandardCharsets.UTF_8).contains(BUG_TRIGGER)) {
                Object missing = null;
                missing.hashCode();
            }
            return real.upcast(event, context);
        }

        @Override
        public String name() {
            return "ExplodingResourceUpdated";
        }
    }
}
