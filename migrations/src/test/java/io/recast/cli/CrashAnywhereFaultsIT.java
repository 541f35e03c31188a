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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash anywhere: the whole migration (rewrite, reset, tag views, replay into Elasticsearch and Blazegraph, verify)
 * runs in another JVM and is killed with SIGKILL at a moment drawn by a seeded random, then it is started again in
 * this JVM. The moments cover every step: most runs are killed at a random point inside one step (the steps taken in
 * turn, the point drawn within that step's length in an uninterrupted run), every sixth at a random point of the
 * whole run (JVM start and preflight included). After each, messages, the tag views and the documents of
 * the index that serves must equal those of the uninterrupted run, and {@code recast verify} must find the read
 * models equal to the journal. Part of the fault-injection suite ({@code mvn verify -Pfaults}); the number of runs
 * and the seed are {@code -Drecast.faults.crashes} (20) and {@code -Drecast.faults.seed} (42).
 */
@RealServers
@org.junit.jupiter.api.extension.ExtendWith(io.recast.faults.FaultsSummary.class)
class CrashAnywhereFaultsIT {

    private static final SeedPlan SEED = SeedPlan.generate(1_000, 120, 7);
    private static final int CRASHES = Integer.getInteger("recast.faults.crashes", 20);
    private static final long RANDOM_SEED = Long.getLong("recast.faults.seed", 42L);

    @TempDir
    static Path dir;

    private static MigrationUnderTest migration;
    private static Map<String, Object> reference;
    private static long uninterruptedMillis;
    private static List<StepRecord> referenceSteps;

    @BeforeAll
    static void migrateWithoutACrash(LocalCassandra cassandra, LocalElasticsearch es, LocalBlazegraph bg)
            throws Exception {
        migration = new MigrationUnderTest(SEED, dir, cassandra, es, bg);
        Path config = migration.journal("anywhere_ref");
        long started = System.nanoTime();
        Process runner = migration.startMigrationInAnotherJvm("anywhere_ref", config);
        assertTrue(runner.waitFor(5, TimeUnit.MINUTES), "the uninterrupted run did not end in 5 minutes");
        uninterruptedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(0, runner.exitValue(), Files.readString(migration.log("anywhere_ref")));
        reference = migration.state("anywhere_ref");
        referenceSteps = new CassandraMigrationHistory(migration.session(), "anywhere_ref").steps("1.0", "1.1");
        assertTrue(referenceSteps.size() >= 5, "the steps of the uninterrupted run: " + referenceSteps);
    }

    @AfterAll
    static void stop() throws Exception {
        if (migration != null) {
            migration.close();
        }
    }

    @Test
    void aMigrationKilledAtAnyMomentResumesToTheStateOfAnUninterruptedRun() throws Exception {
        Random random = new Random(RANDOM_SEED);
        Map<String, Integer> positions = new TreeMap<>();
        List<String> diffs = new ArrayList<>();
        for (int run = 1; run <= CRASHES; run++) {
            String keyspace = "anywhere_" + run;
            Path config = migration.journal(keyspace);
            Process runner = migration.startMigrationInAnotherJvm(keyspace, config);
            String aim;
            long killAfter;
            boolean ended;
            if (run % 6 == 0) {
                killAfter = 300 + (long) (random.nextDouble() * uninterruptedMillis * 0.95);
                aim = "anywhere, after " + killAfter + " ms";
                ended = runner.waitFor(killAfter, TimeUnit.MILLISECONDS);
            } else {
                StepRecord step = referenceSteps.get(run % referenceSteps.size());
                long length = Duration.between(step.startedAt(), step.finishedAt().orElseThrow()).toMillis();
                killAfter = (long) (random.nextDouble() * length * 0.9);
                aim = "in \"" + step.step() + "\", " + killAfter + " ms after it started";
                ended = !awaitStep(runner, keyspace, step.step())
                        || runner.waitFor(killAfter, TimeUnit.MILLISECONDS);
            }
            String position = ended ? "ended before the kill" : runningStep(keyspace);
            runner.destroyForcibly();
            assertTrue(runner.waitFor(30, TimeUnit.SECONDS), "the killed runner did not die");
            positions.merge(position, 1, Integer::sum);

            MigrationUnderTest.Result resumed = MigrationUnderTest.recast("--config", config.toString(), "migrate",
                    "--from", "1.0", "--to", "1.1");
            MigrationUnderTest.Result verified = MigrationUnderTest.recast("--config", config.toString(), "verify");
            String what = "run " + run + " (aimed " + aim + "; killed during: " + position + ")";
            if (resumed.exit() != 0) {
                diffs.add(what + ": the resumed run exited " + resumed.exit() + ":\n" + resumed.output());
            } else if (!reference.equals(migration.state(keyspace))) {
                diffs.add(what + ": the state differs from the uninterrupted run's");
            } else if (verified.exit() != 0) {
                diffs.add(what + ": recast verify exited " + verified.exit() + ":\n" + verified.output());
            } else {
                migration.session().execute("DROP KEYSPACE IF EXISTS " + keyspace);
                migration.session().execute("DROP KEYSPACE IF EXISTS " + keyspace + "_snapshot");
            }
            System.out.printf("crash-resume %s: %s%n", what, diffs.isEmpty() || !diffs.get(diffs.size() - 1)
                    .startsWith("run " + run + " ") ? "same state" : "DIFFERS");
        }
        String summary = String.format("crash-resume: %d runs, %d diffs (seed %d, uninterrupted run %.1f s);"
                + " killed during: %s", CRASHES, diffs.size(), RANDOM_SEED, uninterruptedMillis / 1000.0, positions);
        System.out.println(summary);
        Files.writeString(Path.of("target", "faults-crash-resume.txt"), summary + "\n");
        io.recast.faults.FaultsSummary.crashResume(CRASHES, diffs.size());
        assertEquals(List.of(), diffs, summary);
    }

    /** Waits until the runner's history shows the step running; false when the runner ended first. */
    private static boolean awaitStep(Process runner, String keyspace, String step) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (runner.isAlive() && System.nanoTime() < deadline) {
            if (step.equals(runningStep(keyspace))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The step the runner is in, as its history says; "before the first step" until it records one. */
    private static String runningStep(String keyspace) {
        try {
            return new CassandraMigrationHistory(migration.session(), keyspace).steps("1.0", "1.1").stream()
                    .filter(record -> record.outcome() == StepRecord.Outcome.RUNNING)
                    .map(StepRecord::step).reduce((first, last) -> last)
                    .orElse("before the first step or between steps");
        } catch (RuntimeException e) {
            return "before the first step (no history table yet)";
        }
    }
}
