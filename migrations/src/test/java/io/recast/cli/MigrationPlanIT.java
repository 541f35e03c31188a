package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.recast.adapters.cassandra.CassandraLeaseLock;
import io.recast.adapters.cassandra.CassandraMigrationHistory;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.engine.migration.LockAttempt;
import io.recast.engine.migration.LockRequest;
import io.recast.engine.plan.StepRecord;
import io.recast.engine.plan.VersionRecord;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole v1.0 -> v1.1 migration plan on the real Cassandra, through the command line: the flag path and the CLI
 * path end in the same state, a second run does nothing, a dry run changes nothing, two runners at once migrate once,
 * a runner that died holding the lock is taken over after its lease, and each preflight refusal.
 */
@RealServers
class MigrationPlanIT {

    private static final SeedPlan SEED = SeedPlan.generate(300, 30, 9);

    private static int port;
    private static CqlSession session;
    private static ActorSystem<SpawnProtocol.Command> system;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start(LocalCassandra cassandra) {
        port = cassandra.nativePort();
        session = CassandraSessions.open(settings("system"));
        system = KgActorSystem.start("plan-it", KgActorSystem.config(settings("system"),
                KgActorSystem.firstTimeBucketYesterday()));
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

    private static CassandraSettings settings(String keyspace) {
        return CassandraSettings.local("127.0.0.1", port, LocalCassandra.DATACENTER, keyspace);
    }

    /** A fresh keyspace with the seeded legacy journal, and a config file for it. */
    private static Path journal(String keyspace, String extraConfig) throws Exception {
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace + "_snapshot");
        new DirectJournalWriter(session, keyspace, system.classicSystem(), 64).write(SEED, n -> { });
        Path config = dir.resolve(keyspace + ".conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + port + "\"\n"
                + "recast.cassandra.keyspace = " + keyspace + "\n"
                + "recast.preflight.at-rest-seconds = 1\n"
                + "recast.views.enabled = \"\"\n"
                + extraConfig);
        return config;
    }

    private static Result recast(String... args) {
        int[] exit = new int[1];
        String output = StandardOutput.capture(() -> exit[0] = RecastCli.commandLine().execute(args));
        return new Result(exit[0], output);
    }

    private record Result(int exit, String output) {
    }

    /** What the journal says (per id: sequence number, manifest, payload, tags) and the tag views' rows per tag. */
    private static Map<String, Object> state(String keyspace) {
        return MigrationUnderTest.journalState(session, keyspace);
    }

    @Test
    void theCliPathAndTheFlagPathEndInTheSameStateAndASecondRunDoesNothing() throws Exception {
        Path cli = journal("plan_cli", "");
        // the flag path also rebuilds the tag views and the read models one after the other, not at once
        Path flag = journal("plan_flag", "recast.startup.migrate-v10-to-v11 = true\n"
                + "recast.plan.rebuilds-at-once = false\n");
        Map<String, Object> legacy = state("plan_cli");

        Result migrated = recast("--config", cli.toString(), "migrate", "--from", "1.0", "--to", "1.1");
        assertEquals(0, migrated.exit(), migrated.output());
        assertTrue(migrated.output().contains("MIGRATED"), migrated.output());
        Result served = recast("--config", flag.toString(), "run", "--exit-after-startup");
        assertEquals(0, served.exit(), served.output());
        assertTrue(served.output().contains("can be removed"), served.output());
        assertTrue(migrated.output().contains("step rebuild tag views (at once with replay projections)"),
                migrated.output());
        assertTrue(served.output().contains("step rebuild tag views"), served.output());
        assertFalse(served.output().contains("at once with"), served.output());

        Map<String, Object> after = state("plan_cli");
        assertFalse(after.equals(legacy), "the journal changed");
        assertTrue(after.keySet().stream().anyMatch(key -> key.startsWith("tag ")), "tag views rebuilt");
        assertEquals(after, state("plan_flag"), "the same end state by both paths");
        CassandraMigrationHistory history = new CassandraMigrationHistory(session, "plan_cli");
        assertEquals("1.1", history.currentVersion().orElseThrow().version());
        List<String> inOrder = List.of("rewrite journal", "reset offsets and tag views", "rebuild tag views",
                "replay projections", "verify");
        assertEquals(inOrder, new CassandraMigrationHistory(session, "plan_flag").steps("1.0", "1.1").stream()
                .map(StepRecord::step).toList());
        List<StepRecord> atOnce = history.steps("1.0", "1.1");
        assertEquals(java.util.Set.copyOf(inOrder), atOnce.stream().map(StepRecord::step)
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(5, atOnce.size());
        StepRecord tagViews = atOnce.stream().filter(r -> r.step().equals("rebuild tag views")).findFirst()
                .orElseThrow();
        StepRecord replay = atOnce.stream().filter(r -> r.step().equals("replay projections")).findFirst()
                .orElseThrow();
        assertTrue(replay.startedAt().isBefore(tagViews.finishedAt().orElseThrow())
                && tagViews.startedAt().isBefore(replay.finishedAt().orElseThrow()), "ran at the same time: "
                + tagViews + " / " + replay);

        Result again = recast("--config", cli.toString(), "migrate", "--from", "1.0", "--to", "1.1");
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("ALREADY_AT_TARGET"), again.output());
        assertEquals(after, state("plan_cli"), "a second run changes nothing");
        Result flagAgain = recast("--config", flag.toString(), "run", "--exit-after-startup");
        assertTrue(flagAgain.output().contains("has nothing to do and can be removed"), flagAgain.output());

        Result status = recast("--config", cli.toString(), "status");
        assertTrue(status.output().contains("version 1.1"), status.output());
    }

    @Test
    void aDryRunChangesNothingAnywhere() throws Exception {
        Path config = journal("plan_dry", "");
        Map<String, Object> before = state("plan_dry");
        Set<String> tablesBefore = tables("plan_dry");

        Result dry = recast("--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--dry-run");

        assertEquals(0, dry.exit(), dry.output());
        assertTrue(dry.output().contains("DRY_RUN"), dry.output());
        assertEquals(before, state("plan_dry"), "journal and tag views as they were");
        assertEquals(tablesBefore, tables("plan_dry"), "no table created (no history, no lock, no backup)");
    }

    @Test
    void twoRunnersAtOnceMigrateOnce() throws Exception {
        Path config = journal("plan_race", "");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> migrate = () -> RecastCli.commandLine().execute("--config", config.toString(),
                    "migrate", "--from", "1.0", "--to", "1.1");
            Future<Integer> first = pool.submit(migrate);
            Future<Integer> second = pool.submit(migrate);
            List<Integer> exits = List.of(first.get(5, TimeUnit.MINUTES), second.get(5, TimeUnit.MINUTES));
            assertTrue(exits.contains(0), "one migrated: " + exits);
        } finally {
            pool.shutdownNow();
        }
        CassandraMigrationHistory history = new CassandraMigrationHistory(session, "plan_race");
        assertEquals(1, history.steps("1.0", "1.1").stream()
                .filter(step -> step.step().equals("rewrite journal")).count(), "the rewrite ran once");
        assertEquals("1.1", history.currentVersion().orElseThrow().version());
    }

    @Test
    void aRunnerThatDiedHoldingTheLockIsTakenOverAfterItsLease() throws Exception {
        Path reference = journal("plan_ref", "");
        assertEquals(0, recast("--config", reference.toString(), "migrate", "--from", "1.0", "--to", "1.1").exit());
        Path config = journal("plan_takeover", "recast.lock.wait = 30s\n");
        // a runner that took the lock and died: nobody renews it
        assertTrue(new CassandraLeaseLock(session, "plan_takeover").tryAcquire(new LockRequest(LeaseLocks.LOCK_NAME,
                "a-runner-killed-with-sigkill", java.time.Duration.ofSeconds(3))) instanceof LockAttempt.Acquired);

        Result result = recast("--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1");

        assertEquals(0, result.exit(), result.output());
        assertEquals(state("plan_ref"), state("plan_takeover"), "the same state as an uninterrupted run");
    }

    @Test
    void aJournalAtAnotherVersionIsRefused() throws Exception {
        Path config = journal("plan_version", "");
        new CassandraMigrationHistory(session, "plan_version").recordVersion(
                new VersionRecord("0.9", "0.8", "x", "old", Instant.now()));
        Map<String, Object> before = state("plan_version");

        Result refused = recast("--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1");

        assertEquals(MigrateCommand.REFUSED, refused.exit(), refused.output());
        assertTrue(refused.output().contains("at version 0.9"), refused.output());
        assertEquals(before, state("plan_version"));
    }

    @Test
    void aChangedUpcasterSetAgainstAnEarlierRunIsRefused() throws Exception {
        Path config = journal("plan_checksum", "");
        new CassandraMigrationHistory(session, "plan_checksum").record(new StepRecord("1.0", "1.1",
                "rewrite journal", "earlier", "0123456789ab", Instant.now(), Optional.empty(),
                StepRecord.Outcome.FAILED, Map.of(), "killed"));

        Result refused = recast("--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1");

        assertEquals(MigrateCommand.REFUSED, refused.exit(), refused.output());
        assertTrue(refused.output().contains("another upcaster set"), refused.output());
    }

    @Test
    void aJournalThatIsBeingWrittenIsRefused() throws Exception {
        Path config = journal("plan_busy", "recast.preflight.at-rest-seconds = 3\n");
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            long seq = 1;
            while (writing.get()) {
                session.execute(JournalSchema.insertMessage("plan_busy", false), "busy-writer", 0L, seq++,
                        Uuids.timeBased(), "0", "w", 1, "", "", ByteBuffer.wrap(new byte[8]), Set.of());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        writer.start();
        try {
            Result refused = recast("--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1");
            assertEquals(MigrateCommand.REFUSED, refused.exit(), refused.output());
            assertTrue(refused.output().contains("stop the service"), refused.output());
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void aNodeWithoutRoomForTheBackupIsRefusedBeforeAnyChange() throws Exception {
        Path config = journal("plan_no_room", "recast.preflight.backup-space.reserve = 1000TiB\n");
        Map<String, Object> before = state("plan_no_room");

        Result refused = recast("--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1");

        assertEquals(MigrateCommand.REFUSED, refused.exit(), refused.output());
        assertTrue(refused.output().contains("backup space: FAILED, 127.0.0.1:" + port + ": "), refused.output());
        assertTrue(refused.output().contains("plus a reserve of 1000 TiB: free disk space on the node"),
                refused.output());
        assertEquals(before, state("plan_no_room"), "the journal and the tag views are untouched");
        assertFalse(tables("plan_no_room").contains("messages_backup_v1_0"), "no backup table was created");
    }

    private static Set<String> tables(String keyspace) {
        Set<String> tables = new TreeSet<>();
        for (Row row : session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?",
                keyspace)) {
            tables.add(row.getString(0));
        }
        return tables;
    }
}
