package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.adapters.cassandra.CassandraMigrationHistory;
import io.recast.engine.plan.StepRecord;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalBlazegraph;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole migration plan killed with SIGKILL in a separate JVM while a step runs, then started again: it resumes
 * (after the dead runner's lease, with no manual unlock) and ends in the same state as an uninterrupted run: the same
 * {@code messages}, the same tag views, the same documents in the index that serves.
 */
@RealServers
class PlanCrashResumeIT {

    private static final SeedPlan SEED = SeedPlan.generate(1_500, 200, 31);

    @TempDir
    static Path dir;

    private static MigrationUnderTest migration;
    private static Map<String, Object> reference;

    @BeforeAll
    static void migrateAReference(LocalCassandra cassandra, LocalElasticsearch es, LocalBlazegraph bg)
            throws Exception {
        migration = new MigrationUnderTest(SEED, dir, cassandra, es, bg);
        Path config = migration.journal("crash_ref");
        MigrationUnderTest.Result result = MigrationUnderTest.recast("--config", config.toString(), "migrate",
                "--from", "1.0", "--to", "1.1");
        assertEquals(0, result.exit(), result.output());
        reference = migration.state("crash_ref");
    }

    @AfterAll
    static void stop() throws Exception {
        if (migration != null) {
            migration.close();
        }
    }

    @ParameterizedTest(name = "killed during \"{0}\"")
    @ValueSource(strings = {"rewrite journal", "rebuild tag views", "replay projections"})
    void aRunKilledDuringAStepResumesAndEndsInTheStateOfAnUninterruptedRun(String step) throws Exception {
        String keyspace = "crash_" + step.substring(0, step.indexOf(' ')).replace("rewrite", "rw");
        Path config = migration.journal(keyspace);
        Process runner = migration.startMigrationInAnotherJvm(keyspace, config);
        CassandraMigrationHistory history = new CassandraMigrationHistory(migration.session(), keyspace);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (runner.isAlive() && System.nanoTime() < deadline && history.steps("1.0", "1.1").stream()
                .noneMatch(r -> r.step().equals(step) && r.outcome() == StepRecord.Outcome.RUNNING)) {
            Thread.sleep(20);
        }
        assertTrue(runner.isAlive(), "the runner was still running the step \"" + step + "\" when killed: "
                + Files.readString(migration.log(keyspace)));
        runner.destroyForcibly();
        assertTrue(runner.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, runner.exitValue(), "killed with SIGKILL");

        MigrationUnderTest.Result resumed = MigrationUnderTest.recast("--config", config.toString(), "migrate",
                "--from", "1.0", "--to", "1.1");

        assertEquals(0, resumed.exit(), resumed.output());
        assertTrue(resumed.output().contains("MIGRATED"), resumed.output());
        assertEquals(reference, migration.state(keyspace), "the same state as an uninterrupted run");
    }
}
