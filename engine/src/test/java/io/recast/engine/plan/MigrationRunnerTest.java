package io.recast.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MigrationRunnerTest {

    private final InMemoryHistory history = new InMemoryHistory();
    private final List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger locksTaken = new AtomicInteger();
    private final AtomicBoolean lockHeld = new AtomicBoolean();
    private final AtomicBoolean lockLost = new AtomicBoolean();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private MigrationStep step(String name, boolean fail) {
        return step(name, context -> {
            if (fail) {
                throw new IllegalStateException(name + " broke");
            }
        });
    }

    private RunnerLock lock() {
        locksTaken.incrementAndGet();
        lockHeld.set(true);
        return new RunnerLock() {
            @Override
            public void checkHeld() {
                if (lockLost.get()) {
                    throw new IllegalStateException("lost the lock to runner-2");
                }
            }

            @Override
            public String owner() {
                return "runner-1";
            }

            @Override
            public void close() {
                lockHeld.set(false);
            }
        };
    }

    private MigrationRunner runner(PreflightCheck... checks) {
        return new MigrationRunner(history, this::lock, List.of(checks), clock);
    }

    private MigrationPlan plan(MigrationStep... steps) {
        return MigrationPlan.sequential("1.0", "1.1", "abc", List.of(steps));
    }

    private RunReport run(MigrationRunner runner, MigrationPlan plan, boolean dryRun) {
        return runner.run(plan, "run-1", dryRun, Optional.of("1.0"), line -> { });
    }

    @Test
    void runsEveryStepInOrderRecordsThemAndTheTargetVersionUnderTheLock() {
        RunReport report = run(runner(), plan(step("rewrite", false), step("rebuild", false)), false);

        assertEquals(List.of("rewrite", "rebuild"), ran);
        assertEquals(RunReport.Outcome.MIGRATED, report.outcome());
        assertEquals("1.1", history.version.version());
        assertEquals(List.of(StepRecord.Outcome.SUCCEEDED, StepRecord.Outcome.SUCCEEDED),
                history.records.stream().map(StepRecord::outcome).toList());
        assertEquals(Map.of("events", 10L), history.records.get(0).counts());
        assertEquals(1, locksTaken.get());
        assertFalse(lockHeld.get(), "released at the end");
    }

    @Test
    void aSecondRunFindsTheTargetVersionAndDoesNothing() {
        MigrationPlan plan = plan(step("rewrite", false));
        run(runner(), plan, false);
        ran.clear();

        RunReport again = run(runner(), plan, false);

        assertEquals(RunReport.Outcome.ALREADY_AT_TARGET, again.outcome());
        assertEquals(List.of(), ran);
        assertEquals(1, locksTaken.get(), "no lock either");
    }

    @Test
    void aRunThatFailedResumesAtTheFailedStepAndSkipsTheDoneOnes() {
        assertThrows(IllegalStateException.class,
                () -> run(runner(), plan(step("rewrite", false), step("rebuild", true)), false));
        assertEquals(StepRecord.Outcome.FAILED, history.records.get(1).outcome());
        assertTrue(history.records.get(1).message().contains("rebuild broke"));
        assertFalse(lockHeld.get(), "released on failure");
        ran.clear();

        RunReport resumed = run(runner(), plan(step("rewrite", false), step("rebuild", false)), false);

        assertEquals(List.of("rebuild"), ran);
        assertEquals(RunReport.Status.DONE_BEFORE, resumed.steps().get(0).status());
        assertEquals(RunReport.Status.RAN, resumed.steps().get(1).status());
        assertEquals("1.1", history.version.version());
    }

    @Test
    void afterARollbackRecordsTheSourceVersionAgainEveryStepRunsAgain() {
        MigrationPlan plan = plan(step("rewrite", false), step("rebuild", false));
        Clock early = Clock.fixed(Instant.parse("2026-11-22T09:00:00Z"), ZoneOffset.UTC);
        new MigrationRunner(history, this::lock, List.of(), early).run(plan, "run-1", false, Optional.of("1.0"),
                line -> { });
        history.version = new VersionRecord("1.0", "1.1", "abc", "rollback", Instant.parse("2026-11-22T09:30:00Z"));
        ran.clear();

        RunReport again = run(runner(), plan, false);

        assertEquals(List.of("rewrite", "rebuild"), ran);
        assertEquals(RunReport.Outcome.MIGRATED, again.outcome());
    }

    @Test
    void aDryRunRunsEveryStepDryTakesNoLockAndRecordsNothing() {
        RunReport report = run(runner(), plan(step("rewrite", false), step("rebuild", false)), true);

        assertEquals(List.of("rewrite (dry)", "rebuild (dry)"), ran);
        assertEquals(RunReport.Outcome.DRY_RUN, report.outcome());
        assertEquals(0, locksTaken.get());
        assertTrue(history.records.isEmpty());
        assertEquals(null, history.version);
    }

    @Test
    void aJournalAtAnotherVersionIsRefusedWithWhatToDo() {
        history.version = new VersionRecord("0.9", "0.8", "x", "old", clock.instant());

        MigrationRefusedException refused = assertThrows(MigrationRefusedException.class,
                () -> run(runner(), plan(step("rewrite", false)), false));

        assertTrue(refused.getMessage().contains("at version 0.9"), refused.getMessage());
        assertTrue(refused.getMessage().contains("run the migrations from 0.9 first"), refused.getMessage());
        assertEquals(List.of(), ran);
    }

    @Test
    void aJournalWithoutVersionAndNoBaselineIsRefused() {
        MigrationRefusedException refused = assertThrows(MigrationRefusedException.class,
                () -> runner().run(plan(step("rewrite", false)), "r", false, Optional.empty(), line -> { }));
        assertTrue(refused.getMessage().contains("no recorded version"), refused.getMessage());
    }

    @Test
    void aChangedUpcasterSetAgainstEarlierRunsIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> run(runner(), plan(step("rewrite", false), step("rebuild", true)), false));
        MigrationPlan changed = MigrationPlan.sequential("1.0", "1.1", "def",
                List.of(step("rewrite", false), step("rebuild", false)));

        MigrationRefusedException refused = assertThrows(MigrationRefusedException.class,
                () -> run(runner(), changed, false));

        assertTrue(refused.getMessage().contains("another upcaster set (checksum [abc], now def)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("recast rollback --to 1.0"), refused.getMessage());
    }

    @Test
    void aFailedPreflightCheckRefusesBeforeAnyStepOrLock() {
        PreflightCheck atRest = new PreflightCheck() {
            @Override
            public String name() {
                return "cluster at rest";
            }

            @Override
            public PreflightResult check() {
                return PreflightResult.fail("events were written 3 s ago: stop the service first");
            }
        };

        MigrationRefusedException refused = assertThrows(MigrationRefusedException.class,
                () -> run(runner(atRest), plan(step("rewrite", false)), false));

        assertEquals(List.of("cluster at rest: events were written 3 s ago: stop the service first"),
                refused.reasons());
        assertEquals(0, locksTaken.get());
        assertEquals(List.of(), ran);
    }

    @Test
    void aLostLockStopsTheRunBeforeTheNextStep() {
        MigrationStep losesLock = new MigrationStep() {
            @Override
            public String name() {
                return "rewrite";
            }

            @Override
            public StepResult run(StepContext context) {
                lockLost.set(true);
                return StepResult.of("done", Map.of());
            }
        };

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> run(runner(), plan(losesLock, step("rebuild", false)), false));

        assertTrue(error.getMessage().contains("runner-2"), error.getMessage());
        assertEquals(List.of(), ran, "the next step did not run");
        assertEquals(null, history.version);
    }

    @Test
    void aRunnerThatGetsTheLockAfterAnotherMigratedDoesNothing() {
        MigrationPlan plan = plan(step("rewrite", false));
        // the other runner finishes while this one waits for the lock
        MigrationRunner waiting = new MigrationRunner(history, () -> {
            history.version = new VersionRecord("1.1", "1.0", "abc", "other-run", clock.instant());
            return lock();
        }, List.of(), clock);

        RunReport report = run(waiting, plan, false);

        assertEquals(RunReport.Outcome.ALREADY_AT_TARGET, report.outcome());
        assertEquals(List.of(), ran);
        assertFalse(lockHeld.get(), "released");
    }

    @Test
    void stepNamesMustBeUnique() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> plan(step("rewrite", false), step("rewrite", false)));
        assertTrue(error.getMessage().contains("'rewrite'"), error.getMessage());
    }

    /** A step that counts itself as ran, then does {@code body}. */
    private MigrationStep step(String name, StepBody body) {
        return new MigrationStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StepResult run(StepContext context) throws Exception {
                ran.add(name + (context.dryRun() ? " (dry)" : ""));
                body.run(context);
                return StepResult.of(name + " done", Map.of("events", 10L));
            }
        };
    }

    /** What a step of these tests does once counted as ran. */
    private interface StepBody {
        void run(StepContext context) throws Exception;
    }

    private MigrationPlan stages(PlanStage... stages) {
        return new MigrationPlan("1.0", "1.1", "abc", List.of(stages));
    }

    @Test
    void theStepsOfAConcurrentStageRunAtTheSameTimeEachRecordedOnItsOwnBeforeTheNextStage() {
        CountDownLatch bothRunning = new CountDownLatch(2);
        StepBody meetTheOther = context -> {
            bothRunning.countDown();
            assertTrue(bothRunning.await(10, TimeUnit.SECONDS), "the other step of the stage runs at the same time");
        };
        MigrationPlan plan = stages(PlanStage.of(step("rewrite", false)),
                PlanStage.concurrently(step("tag views", meetTheOther), step("replay", meetTheOther)),
                PlanStage.of(step("verify", false)));

        RunReport report = run(runner(), plan, false);

        assertEquals(RunReport.Outcome.MIGRATED, report.outcome());
        assertEquals(List.of("rewrite", "tag views", "replay", "verify"),
                report.steps().stream().map(RunReport.StepReport::name).toList(), "reported in plan order");
        assertEquals("rewrite", ran.get(0));
        assertEquals(java.util.Set.of("tag views", "replay"), java.util.Set.copyOf(ran.subList(1, 3)));
        assertEquals("verify", ran.get(3), "the next stage starts once both have ended");
        assertEquals(4, history.records.stream().filter(r -> r.outcome() == StepRecord.Outcome.SUCCEEDED).count());
    }

    @Test
    void aStepWaitsForTheOtherStepOfItsStageOnlyWhereItNeedsItsEffect() {
        AtomicBoolean tagViewsWritten = new AtomicBoolean();
        CountDownLatch replayStarted = new CountDownLatch(1);
        AtomicBoolean sawTagViews = new AtomicBoolean();
        MigrationPlan plan = stages(PlanStage.concurrently(
                step("tag views", context -> {
                    assertTrue(replayStarted.await(10, TimeUnit.SECONDS), "the replay started before the tag views"
                            + " ended");
                    Thread.sleep(100);
                    tagViewsWritten.set(true);
                }),
                step("replay", context -> {
                    replayStarted.countDown();
                    context.awaitStep("tag views");
                    sawTagViews.set(tagViewsWritten.get());
                })));

        run(runner(), plan, false);

        assertTrue(sawTagViews.get(), "the replay went on once the tag views were written");
    }

    @Test
    void aFailedStepOfAConcurrentStageFailsTheRunOnceTheOthersEndedAndTheNextRunRunsOnlyIt() {
        MigrationPlan failing = stages(PlanStage.concurrently(step("tag views", true), step("replay", false)),
                PlanStage.of(step("verify", false)));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> run(runner(), failing, false));

        assertTrue(error.getMessage().contains("tag views broke"), error.getMessage());
        assertEquals(java.util.Set.of("tag views", "replay"), java.util.Set.copyOf(ran));
        assertEquals(Map.of("tag views", StepRecord.Outcome.FAILED, "replay", StepRecord.Outcome.SUCCEEDED),
                history.records.stream().collect(java.util.stream.Collectors.toMap(StepRecord::step,
                        StepRecord::outcome)));
        assertFalse(lockHeld.get(), "released on failure");
        ran.clear();

        RunReport resumed = run(runner(), stages(PlanStage.concurrently(step("tag views", false),
                step("replay", context -> context.awaitStep("tag views"))), PlanStage.of(step("verify", false))),
                false);

        assertEquals(List.of("tag views", "verify"), ran, "the replay was done; waiting for a step done before"
                + " returns at once");
        assertEquals(List.of(RunReport.Status.RAN, RunReport.Status.DONE_BEFORE, RunReport.Status.RAN),
                resumed.steps().stream().map(RunReport.StepReport::status).toList());
    }

    @Test
    void aStepWaitingForAStepThatFailedFailsNamingIt() {
        MigrationPlan plan = stages(PlanStage.concurrently(step("tag views", true),
                step("replay", context -> context.awaitStep("tag views"))));

        assertThrows(IllegalStateException.class, () -> run(runner(), plan, false));

        StepRecord replay = history.records.stream().filter(r -> r.step().equals("replay")).findFirst().orElseThrow();
        assertEquals(StepRecord.Outcome.FAILED, replay.outcome());
        assertTrue(replay.message().contains("needs step 'tag views', which failed: tag views broke"),
                replay.message());
    }

    @Test
    void aStepCannotWaitForAStepThatRunsAfterIt() {
        MigrationPlan plan = stages(PlanStage.of(step("replay", context -> context.awaitStep("verify"))),
                PlanStage.of(step("verify", false)));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> run(runner(), plan, false));

        assertTrue(error.getMessage().contains("cannot wait for step 'verify': that step runs after it"),
                error.getMessage());
    }
}
