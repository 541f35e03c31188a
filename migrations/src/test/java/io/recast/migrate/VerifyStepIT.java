package io.recast.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.adapters.cassandra.tagviews.TimeBucketSize;
import io.recast.cli.RecastCli;
import io.recast.engine.migration.WriteFence;
import io.recast.engine.plan.StepContext;
import io.recast.engine.plan.StepResult;
import io.recast.engine.upcast.UpcasterSets;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration's verification on a migrated journal: it passes when the tag views hold one row per tagged event,
 * and fails, naming the partition, when a row is missing.
 */
@RealServers
class VerifyStepIT {

    private static final String KEYSPACE = "verify_step_it";

    private static CqlSession session;
    private static ActorSystem<SpawnProtocol.Command> system;
    private static MigrationSetup setup;

    @TempDir
    static Path dir;

    @BeforeAll
    static void migrate(LocalCassandra cassandra) throws Exception {
        CassandraSettings settings = CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE);
        session = CassandraSessions.open(settings.withKeyspace("system"));
        system = KgActorSystem.start("verify-it", KgActorSystem.config(settings.withKeyspace("system"),
                KgActorSystem.firstTimeBucketYesterday()));
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        new DirectJournalWriter(session, KEYSPACE, system.classicSystem(), 64)
                .write(SeedPlan.generate(300, 30, 11), n -> { });
        Path config = dir.resolve("verify.conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + cassandra.nativePort() + "\"\n"
                + "recast.cassandra.keyspace = " + KEYSPACE + "\n"
                + "recast.preflight.at-rest-seconds = 1\n"
                + "recast.views.enabled = \"\"\n");
        int exit = RecastCli.commandLine().execute("--config", config.toString(), "migrate", "--from", "1.0",
                "--to", "1.1", "--yes");
        assertEquals(0, exit, "the migration of the seeded journal");
        setup = new MigrationSetup(session, system, KEYSPACE, UpcasterSets.load().find("1.0", "1.1"),
                new TagViewRepair(KEYSPACE, "verify-it", TimeBucketSize.HOUR, 1, ProjectionOffsets.Tables.in(KEYSPACE),
                        Set.of()),
                TokenRangeScanner.Settings.defaults().withPageSize(7), false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Optional.empty(),
                Optional.empty(), false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (session != null) {
            session.close();
        }
    }

    private static StepResult verify() throws Exception {
        return new VerifyStep(setup).run(new StepContext("verify-it", false, line -> { }, WriteFence.NONE));
    }

    @Test
    void aMigratedJournalPassesAndAMissingTagRowFailsNamingItsPartition() throws Exception {
        StepResult passed = verify();
        long tagRows = passed.counts().get("tag rows");
        long partitions = passed.counts().get("tag view partitions");
        assertTrue(tagRows > 7 * partitions, "partitions of several pages of 7 rows on average: " + passed);
        long rowsInTable = session.execute("SELECT COUNT(*) FROM " + KEYSPACE + "." + JournalSchema.TAG_VIEWS)
                .one().getLong(0);
        assertEquals(rowsInTable, tagRows, "every row of tag_views counted");

        Row victim = session.execute("SELECT tag_name, timebucket, timestamp, persistence_id, tag_pid_sequence_nr"
                + " FROM " + KEYSPACE + "." + JournalSchema.TAG_VIEWS + " LIMIT 1").one();
        session.execute("DELETE FROM " + KEYSPACE + "." + JournalSchema.TAG_VIEWS + " WHERE tag_name = ? AND "
                + "timebucket = ? AND timestamp = ? AND persistence_id = ? AND tag_pid_sequence_nr = ?",
                victim.getString(0), victim.getLong(1), victim.getUuid(2), victim.getString(3), victim.getLong(4));

        IllegalStateException failed = assertThrows(IllegalStateException.class, VerifyStepIT::verify);
        assertTrue(failed.getMessage().contains("1 tag view partitions differ from messages"), failed.getMessage());
        assertTrue(failed.getMessage().contains(victim.getString(0) + " @ " + victim.getLong(1)),
                failed.getMessage());
        assertTrue(failed.getMessage().contains("recast repair-tag-views"), failed.getMessage());
    }
}
