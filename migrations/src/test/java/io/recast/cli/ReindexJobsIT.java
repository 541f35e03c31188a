package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.ReindexJob;
import io.recast.engine.view.ViewVersion;
import io.recast.kg.seed.SeedPlan;
import io.recast.projections.views.ViewVerification;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reindexing jobs on the real Cassandra and Elasticsearch: {@code recast jobs pause|resume|cancel} steer a running
 * {@code recast reindex}, and a reindex killed with SIGKILL in another JVM resumes from its offsets with
 * {@code --resume} and ends with the alias on its index, equal to the journal.
 */
@RealServers
class ReindexJobsIT {

    private static final SeedPlan SEED = SeedPlan.generate(1_500, 200, 43);
    private static final Pattern RESUMED_PAST = Pattern.compile("(\\d+) ranges resumed past");

    @TempDir
    static Path dir;

    private static ReindexUnderTest kg;

    @BeforeAll
    static void migrate(LocalCassandra cassandra, LocalElasticsearch es) throws Exception {
        kg = new ReindexUnderTest("reindex_jobs_it", SEED, dir, cassandra, es);
    }

    @AfterAll
    static void close() throws Exception {
        if (kg != null) {
            kg.close();
        }
    }

    @Test
    void aRunningJobIsPausedResumedAndCancelledAndWhatServedStillServes() throws Exception {
        String serving = kg.aliasTarget();
        java.util.Set<String> jobsBefore = kg.jobs().list().stream().map(ReindexJob::id)
                .collect(java.util.stream.Collectors.toSet());
        CompletableFuture<Integer> reindex = CompletableFuture.supplyAsync(() -> RecastCli.commandLine().execute(
                "--config", kg.config().toString(), "reindex", "elasticsearch", "--max-rate", "150"));
        // the job this reindex started: the newest of the read model's jobs that were not there before, in one read
        // of the list (a second read could see a job the first one did not)
        ReindexJob running = await(() -> kg.jobs().list().stream()
                        .filter(job -> job.view().equals(kg.view()) && !jobsBefore.contains(job.id())).findFirst(),
                job -> job.eventsProcessed() >= 100, "the job read 100 events", reindex);

        MigrationUnderTest.Result pause = kg.recast("jobs", "pause", running.id());
        ReindexJob paused = await(() -> kg.jobs().find(running.id()), job -> job.step().equals("paused"),
                "the process stopped the replay", reindex);
        Thread.sleep(1_500); // heartbeats go on while paused
        long atPause = kg.jobs().find(running.id()).orElseThrow().eventsProcessed();
        Thread.sleep(2_000);
        ReindexJob stillPaused = kg.jobs().find(running.id()).orElseThrow();
        MigrationUnderTest.Result resume = kg.recast("jobs", "resume", running.id());
        ReindexJob resumed = await(() -> kg.jobs().find(running.id()), job -> job.eventsProcessed() > atPause,
                "the replay went on", reindex);
        MigrationUnderTest.Result cancel = kg.recast("jobs", "cancel", running.id());
        int exit = reindex.get(60, TimeUnit.SECONDS);
        MigrationUnderTest.Result resumeCancelled = kg.recast("jobs", "resume", running.id());
        MigrationUnderTest.Result list = kg.recast("jobs", "list");

        assertEquals(0, pause.exit(), pause.output());
        assertEquals(JobState.PAUSED, paused.state());
        assertEquals(atPause, stillPaused.eventsProcessed(), "nothing replayed while paused");
        assertTrue(stillPaused.heartbeat().isAfter(paused.heartbeat()), "the paused process still beats");
        assertEquals(0, resume.exit(), resume.output());
        assertEquals(JobState.RUNNING, resumed.state());
        assertEquals(0, cancel.exit(), cancel.output());
        assertEquals(ReindexCommand.CANCELLED, exit, "the reindex ends as cancelled");
        ReindexJob cancelled = kg.jobs().find(running.id()).orElseThrow();
        assertEquals(JobState.CANCELLED, cancelled.state());
        assertEquals(serving, kg.aliasTarget(), "what served still serves");
        ViewVersion version = kg.versions().ofRun(kg.view(), running.id()).orElseThrow();
        assertEquals(ViewVersion.State.RETIRED, version.state(), "the cancelled version is retired");
        assertEquals(JobsCommand.REFUSED, resumeCancelled.exit(), resumeCancelled.output());
        assertTrue(resumeCancelled.output().contains("is cancelled"), resumeCancelled.output());
        assertTrue(list.output().contains(running.id()) && list.output().contains("cancelled"), list.output());

        MigrationUnderTest.Result cleanup = kg.recast("cleanup");
        assertEquals(0, cleanup.exit(), cleanup.output());
        assertFalse(kg.indexExists(version.target()), "cleanup dropped the cancelled version's index");
        assertTrue(kg.indexExists(serving));
    }

    @Test
    void aReindexKilledInAnotherJvmResumesFromItsOffsetsAndEndsEqualToTheJournal() throws Exception {
        long jobsBefore = kg.jobs().list().stream().filter(job -> job.state() == JobState.DONE
                || job.state() == JobState.CANCELLED).count();
        Process runner = kg.recastInAnotherJvm("reindex", "elasticsearch", "--max-rate", "200");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        ReindexJob started = null;
        while (runner.isAlive() && System.nanoTime() < deadline) {
            started = kg.latestJob().filter(job -> !job.state().finished() && job.eventsProcessed() >= 500)
                    .orElse(null);
            if (started != null) {
                break;
            }
            Thread.sleep(50);
        }
        assertTrue(runner.isAlive() && started != null, "the reindex was replaying when killed: "
                + Files.readString(kg.log()));
        runner.destroyForcibly();
        assertTrue(runner.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, runner.exitValue(), "killed with SIGKILL");
        String id = started.id();

        MigrationUnderTest.Result refused = kg.recast("reindex", "--resume", id);
        Thread.sleep(ReindexStart.SILENCE.toMillis() + 1_000);
        MigrationUnderTest.Result list = kg.recast("jobs", "list");
        MigrationUnderTest.Result resumed = kg.recast("reindex", "--resume", id);

        assertEquals(ReindexCommand.REFUSED, refused.exit(), "a job whose heartbeat is fresh runs elsewhere: "
                + refused.output());
        assertTrue(list.output().contains("not running") && list.output().contains("--resume " + id),
                list.output());
        assertEquals(0, resumed.exit(), resumed.output());
        assertTrue(resumed.output().contains("resuming job " + id), resumed.output());
        Matcher past = RESUMED_PAST.matcher(resumed.output());
        assertTrue(past.find() && Integer.parseInt(past.group(1)) > 0, "the replay resumed after the ranges the"
                + " killed run finished: " + resumed.output());
        ReindexJob done = kg.jobs().find(id).orElseThrow();
        assertEquals(JobState.DONE, done.state());
        assertEquals(done.target(), kg.aliasTarget(), "the alias is on the job's index");
        List<ViewVerification.Finding> findings = kg.verify();
        assertTrue(findings.get(0).clean(), findings.get(0).toString());
        assertEquals(jobsBefore + 1, kg.jobs().list().stream().filter(job -> job.state() == JobState.DONE
                || job.state() == JobState.CANCELLED).count(), "one job, resumed, not a second one");
    }

    /** Waits until the job {@code read} gives matches, failing when the reindex ended first or after a minute. */
    private static ReindexJob await(java.util.function.Supplier<java.util.Optional<ReindexJob>> read,
                                    Predicate<ReindexJob> condition, String what, CompletableFuture<Integer> reindex)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            var job = read.get();
            if (job.isPresent() && condition.test(job.get())) {
                return job.get();
            }
            if (reindex.isDone()) {
                throw new AssertionError("the reindex ended (exit " + reindex.join() + ") before: " + what);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting until " + what + "; job: " + read.get());
    }
}
