package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against the real Cassandra: the flags and exit codes an operator relies on. */
@RealServers
class MigrateCommandIT {

    @Test
    void migrateDryRunMigrateRollbackAndQuarantineExitCodes(LocalCassandra cassandra, @TempDir Path dir) throws Exception {
        String keyspace = "cli_it_" + System.currentTimeMillis() % 100_000;
        CassandraSettings settings = CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, keyspace);
        Path config = dir.resolve("recast.conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + cassandra.nativePort() + "\"\n"
                + "recast.cassandra.keyspace = " + keyspace + "\n"
                + "recast.views.enabled = \"\"\n");
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("cli-it",
                KgActorSystem.config(settings, KgActorSystem.firstTimeBucketYesterday()));
        try (CqlSession session = CassandraSessions.open(settings)) {
            new DirectJournalWriter(session, keyspace, system.classicSystem(), 64)
                    .write(SeedPlan.generate(400, 40, 3), n -> { });
            Map<String, String> legacy = journal(session, keyspace);

            Path report = dir.resolve("dry.json");
            assertEquals(0, recast("--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1",
                    "--dry-run", "--report", report.toString()));
            assertEquals(legacy, journal(session, keyspace), "--dry-run writes nothing");
            assertTrue(Files.readString(report).contains("\"dryRun\" : true"));

            assertEquals(0, recast("--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1"));
            assertNotEquals(legacy, journal(session, keyspace));

            assertEquals(0, recast("--config", config.toString(), "rollback", "--to", "1.0"));
            assertEquals(legacy, journal(session, keyspace), "rollback restores the journal");

            // one malformed event: the run finishes, exits 3, and 0 with --allow-quarantine
            session.execute(JournalSchema.insertMessage(keyspace, false), "resources-broken", 0L, 1L, Uuids.timeBased(),
                    "0", "w", 31, "io.recast.kg.v1_0.KgEvent$ResourceCreated", "",
                    ByteBuffer.wrap("{\"id\": ".getBytes(StandardCharsets.UTF_8)), Set.of("resource"));
            Path quarantineReport = dir.resolve("quarantined.json");
            String output = StandardOutput.capture(() -> assertEquals(MigrateCommand.QUARANTINED, recast("--config",
                    config.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--report",
                    quarantineReport.toString())));
            assertTrue(output.contains("resources-broken #1 MALFORMED_PAYLOAD"), output);
            // the stopped run's report: its outcome, the failed step in the history, the quarantined event
            JsonNode stopped = new ObjectMapper().readTree(quarantineReport.toFile());
            assertEquals("QUARANTINED", stopped.get("outcome").asText(), stopped.toString());
            assertTrue(stopped.get("error").asText().contains("--allow-quarantine"), stopped.toString());
            assertTrue(stopped.get("rewrite").get("quarantinedEvents").toString().contains("resources-broken"),
                    stopped.toString());
            boolean rewriteFailed = false;
            for (JsonNode step : stopped.get("history")) {
                rewriteFailed |= step.get("name").asText().equals("rewrite journal")
                        && step.get("outcome").asText().equals("FAILED");
            }
            assertTrue(rewriteFailed, "the history holds the rewrite's failed run: " + stopped);
            // a report that cannot be written (the path is a folder) does not hide why the run stopped
            String unwritable = StandardOutput.capture(() -> assertEquals(MigrateCommand.QUARANTINED,
                    recast("--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--report",
                            dir.toString())));
            assertTrue(unwritable.contains("the report of the stopped run could not be written"), unwritable);
            assertEquals(0, recast("--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1",
                    "--allow-quarantine"));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static int recast(String... args) {
        return RecastCli.commandLine().execute(args);
    }

    private static Map<String, String> journal(CqlSession session, String keyspace) {
        Map<String, String> rows = new TreeMap<>();
        for (Row row : session.execute("SELECT persistence_id, sequence_nr, ser_manifest, event, tags FROM " + keyspace
                + ".messages")) {
            rows.put(row.getString(0) + "#" + row.getLong(1), row.getString(2) + " "
                    + StandardCharsets.UTF_8.decode(row.getByteBuffer(3)) + " " + row.getSet(4, String.class));
        }
        return rows;
    }
}
