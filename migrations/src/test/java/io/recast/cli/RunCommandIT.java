package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recast run} with {@code REPAIR_FROM_MESSAGES} set, on the real Cassandra. */
@RealServers
class RunCommandIT {

    @Test
    void repairFromMessagesClearsTheNamedOffsetsAndRebuildsTheTagViewsBeforeServing(LocalCassandra cassandra,
            @TempDir Path dir) throws Exception {
        String keyspace = "run_it_" + System.currentTimeMillis() % 100_000;
        CassandraSettings settings = CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, keyspace);
        Path config = dir.resolve("recast.conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + cassandra.nativePort() + "\"\n"
                + "recast.cassandra.keyspace = " + keyspace + "\n"
                + "recast.startup.repair-from-messages = true\n"
                + "recast.reset.projections = \"kg-elasticsearch, kg-rdf\"\n"
                + "recast.views.enabled = \"\"\n");
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("run-it",
                KgActorSystem.config(settings, KgActorSystem.firstTimeBucketYesterday()));
        try (CqlSession session = CassandraSessions.open(settings)) {
            // a journal whose tag views are missing (the direct writer leaves them empty), and stored offsets
            new DirectJournalWriter(session, keyspace, system.classicSystem(), 64)
                    .write(SeedPlan.generate(300, 30, 5), n -> { });
            long expectedTagRows = 0;
            for (Row row : session.execute("SELECT tags FROM " + keyspace + ".messages")) {
                expectedTagRows += row.getSet(0, String.class).size();
            }
            CassandraProjection.createTablesIfNotExists(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
            for (String name : new String[] {"kg-elasticsearch", "kg-rdf", "kg-statistics"}) {
                session.execute("INSERT INTO " + keyspace + ".offset_store (projection_name, partition, projection_key,"
                        + " offset, manifest, last_updated) VALUES (?, 0, 'all', '42', 'LONG', ?)", name, Instant.now());
            }
            assertEquals(0, count(session, keyspace, "tag_views"));

            String output = StandardOutput.capture(() -> assertEquals(0, RecastCli.commandLine().execute("--config",
                    config.toString(), "run", "--exit-after-startup")));

            assertEquals(expectedTagRows, count(session, keyspace, "tag_views"), output);
            ProjectionOffsets offsets = new ProjectionOffsets(session, ProjectionOffsets.Tables.in(keyspace));
            assertTrue(offsets.offsets("kg-elasticsearch").isEmpty(), "named projection replays from the start");
            assertTrue(offsets.offsets("kg-rdf").isEmpty());
            assertEquals(Set.of("all"), offsets.offsets("kg-statistics").keySet(), "unnamed projection untouched");
            assertTrue(offsets.offsets("recast-tag-views-" + RunCommand.STARTUP_REPAIR_RUN_ID).isEmpty(),
                    "the repair forgets its own offsets once done");
            assertTrue(output.contains("Remove REPAIR_FROM_MESSAGES"), output);
            assertTrue(output.contains("serving"), output);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static long count(CqlSession session, String keyspace, String table) {
        return session.execute("SELECT count(*) FROM " + keyspace + "." + table).one().getLong(0);
    }
}
