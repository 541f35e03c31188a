package io.recast.engine.plan;

import io.recast.engine.migration.WriteFence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How a plan runs: checks that the journal is at the plan's source version (or already at its target: then nothing
 * runs) and that the plan's checksum matches what earlier runs of it recorded, runs the preflight checks, takes the
 * lock, runs each step that no earlier run finished (so a killed run, started again, resumes at the step it was in;
 * the steps of a concurrent {@link PlanStage} at the same time, each in a thread of its own), records each step in
 * the history, records the target version, and releases the lock. Only step runs after the
 * version was last recorded count: a rollback that records the source version again starts a new attempt.
 *
 * <p>A dry run runs every step with {@link StepContext#dryRun()} set, takes no lock and records nothing.
 */
public final class MigrationRunner {

    private final MigrationHistory history;
    private final Supplier<RunnerLock> lock;
    private final List<PreflightCheck> preflight;
    private final Clock clock;

    /**
     * @param history   what ran
     * @param lock      takes the lock (waiting, or throwing with the holder's identity when another runner holds it)
     * @param preflight the checks that must pass before anything is changed
     * @param clock     for the history's times
     */
    public MigrationRunner(MigrationHistory history, Supplier<RunnerLock> lock, List<PreflightCheck> preflight,
                           Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.preflight = List.copyOf(preflight);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs the plan.
     *
     * @param baseline the version of a journal that has no recorded version (one written before Recast), e.g.
     *                 {@code 1.0}; empty to refuse such a journal
     * @param log      progress lines for the operator
     * @throws MigrationRefusedException if the journal is at another version, the plan changed since earlier runs of
     *                                   it, or a preflight check failed (nothing changed)
     * @throws IllegalStateException     if the lock was lost during the run
     */
    public RunReport run(MigrationPlan plan, String runId, boolean dryRun, Optional<String> baseline,
                         Consumer<String> log) {
        long started = System.nanoTime();
        String migration = plan.from() + " -> " + plan.to();
        Optional<VersionRecord> recorded = history.currentVersion();
        String current = recorded.map(VersionRecord::version).or(() -> baseline).orElse(null);
        if (plan.to().equals(current)) {
            log.accept("the journal is at version " + plan.to() + " already (recorded by run "
                    + recorded.map(VersionRecord::runId).orElse("?") + "): nothing to do");
            return new RunReport(plan.from(), plan.to(), runId, RunReport.Outcome.ALREADY_AT_TARGET, List.of(),
                    recorded, elapsed(started));
        }
        List<String> refusals = new ArrayList<>();
        if (current == null) {
            refusals.add("the journal has no recorded version; if it was written by version " + plan.from()
                    + " of the service, say so (baseline " + plan.from() + ")");
        } else if (!plan.from().equals(current)) {
            refusals.add("the journal is at version " + current + ", this migration goes from " + plan.from()
                    + " to " + plan.to() + ": run the migrations from " + current + " first");
        }
        // only this attempt counts: step runs before the version was last recorded (e.g. by a rollback) are history
        List<StepRecord> earlier = attempt(plan, recorded);
        Set<String> otherChecksums = earlier.stream().map(StepRecord::checksum)
                .filter(checksum -> !checksum.equals(plan.checksum())).collect(Collectors.toCollection(TreeSet::new));
        if (!otherChecksums.isEmpty()) {
            refusals.add("earlier runs of " + migration + " ran with another upcaster set (checksum "
                    + otherChecksums + ", now " + plan.checksum() + "): finish it with the build that started it, or"
                    + " roll back (recast rollback --to " + plan.from() + ") before running a changed migration");
        }
        for (PreflightCheck check : preflight) {
            PreflightResult result = check.check();
            log.accept("preflight: " + check.name() + ": " + (result.passed() ? "ok, " : "FAILED, ")
                    + result.message());
            if (!result.passed()) {
                refusals.add(check.name() + ": " + result.message());
            }
        }
        if (!refusals.isEmpty()) {
            throw new MigrationRefusedException(migration, refusals);
        }
        return dryRun ? dryRun(plan, runId, log, started) : migrate(plan, runId, baseline, log, started);
    }

    /** The step runs of the current attempt: those after the version was last recorded. */
    private List<StepRecord> attempt(MigrationPlan plan, Optional<VersionRecord> recorded) {
        Instant since = recorded.map(VersionRecord::recordedAt).orElse(Instant.MIN);
        return history.steps(plan.from(), plan.to()).stream()
                .filter(record -> record.startedAt().isAfter(since)).toList();
    }

    private RunReport dryRun(MigrationPlan plan, String runId, Consumer<String> log, long started) {
        List<RunReport.StepReport> steps = new ArrayList<>();
        for (MigrationStep step : plan.steps()) {
            log.accept("step " + step.name() + " (dry run)");
            long stepStarted = System.nanoTime();
            // a dry run writes nothing: a step need not wait for another's effect
            StepResult result = runStep(step, new StepContext(runId, true, log, WriteFence.NONE, other -> {
                if (!plan.stepNames().contains(other)) {
                    throw new IllegalArgumentException("step '" + step.name() + "' waits for a step named '" + other
                            + "', which its plan does not have (it has " + plan.stepNames() + ")");
                }
            }));
            steps.add(new RunReport.StepReport(step.name(), RunReport.Status.DRY_RUN, elapsed(stepStarted),
                    Optional.of(result)));
        }
        return new RunReport(plan.from(), plan.to(), runId, RunReport.Outcome.DRY_RUN, steps, Optional.empty(),
                elapsed(started));
    }

    private RunReport migrate(MigrationPlan plan, String runId, Optional<String> baseline, Consumer<String> log,
                              long started) {
        List<RunReport.StepReport> steps = new ArrayList<>();
        try (RunnerLock held = lock.get()) {
            log.accept("lock taken by " + held.owner());
            // read again under the lock: another runner may have migrated while this one waited for it
            Optional<VersionRecord> recorded = history.currentVersion();
            String current = recorded.map(VersionRecord::version).or(() -> baseline).orElse(null);
            if (plan.to().equals(current)) {
                log.accept("another runner migrated the journal to " + plan.to() + " meanwhile (run "
                        + recorded.map(VersionRecord::runId).orElse("?") + "): nothing to do");
                return new RunReport(plan.from(), plan.to(), runId, RunReport.Outcome.ALREADY_AT_TARGET, List.of(),
                        recorded, elapsed(started));
            }
            if (!plan.from().equals(current)) {
                throw new MigrationRefusedException(plan.from() + " -> " + plan.to(), List.of("the journal is at"
                        + " version " + current + " now (another runner changed it): run the migrations from "
                        + current));
            }
            Map<String, StepRecord> done = attempt(plan, recorded).stream()
                    .filter(r -> r.outcome() == StepRecord.Outcome.SUCCEEDED)
                    .collect(Collectors.toMap(StepRecord::step, r -> r, (a, b) -> b));
            StepOutcomes outcomes = new StepOutcomes(plan);
            for (PlanStage stage : plan.stages()) {
                held.checkHeld();
                List<MigrationStep> toRun = new ArrayList<>();
                Map<String, RunReport.StepReport> stageReports = new HashMap<>();
                for (MigrationStep step : stage.steps()) {
                    StepRecord before = done.get(step.name());
                    if (before == null) {
                        toRun.add(step);
                        continue;
                    }
                    log.accept("step " + step.name() + ": done by run " + before.runId() + " at "
                            + before.finishedAt().map(Instant::toString).orElse("?"));
                    stageReports.put(step.name(), new RunReport.StepReport(step.name(), RunReport.Status.DONE_BEFORE,
                            Duration.ZERO, Optional.empty()));
                    outcomes.succeeded(step.name());
                }
                if (toRun.size() == 1) {
                    MigrationStep step = toRun.get(0);
                    log.accept("step " + step.name());
                    stageReports.put(step.name(), runRecorded(step, plan, runId, held, log,
                            outcomes.seenBy(step.name()), outcomes));
                } else if (toRun.size() > 1) {
                    stageReports.putAll(runConcurrently(toRun, plan, runId, held, log, outcomes));
                }
                stage.steps().forEach(step -> steps.add(stageReports.get(step.name())));
            }
            held.checkHeld();
            VersionRecord version = new VersionRecord(plan.to(), plan.from(), plan.checksum(), runId, clock.instant());
            history.recordVersion(version);
            log.accept("version " + plan.to() + " recorded");
            return new RunReport(plan.from(), plan.to(), runId, RunReport.Outcome.MIGRATED, steps,
                    Optional.of(version), elapsed(started));
        }
    }

    /** Runs a step and records it: running, then succeeded or failed; tells {@code outcomes} how it ended. */
    private RunReport.StepReport runRecorded(MigrationStep step, MigrationPlan plan, String runId, RunnerLock held,
                                             Consumer<String> log, OtherSteps otherSteps, StepOutcomes outcomes) {
        long stepStarted = System.nanoTime();
        StepRecord record = new StepRecord(plan.from(), plan.to(), step.name(), runId, plan.checksum(),
                clock.instant(), Optional.empty(), StepRecord.Outcome.RUNNING, Map.of(), "run by " + held.owner());
        try {
            history.record(record);
            StepResult result;
            try {
                result = runStep(step, new StepContext(runId, false, log, held.fence(), otherSteps));
            } catch (RuntimeException e) {
                history.record(record.finished(clock.instant(), StepRecord.Outcome.FAILED, Map.of(),
                        String.valueOf(e.getMessage())));
                throw e;
            }
            held.checkHeld();
            history.record(record.finished(clock.instant(), StepRecord.Outcome.SUCCEEDED, result.counts(),
                    result.summary()));
            outcomes.succeeded(step.name());
            return new RunReport.StepReport(step.name(), RunReport.Status.RAN, elapsed(stepStarted),
                    Optional.of(result));
        } catch (RuntimeException e) {
            outcomes.failed(step.name(), e);
            throw e;
        }
    }

    /**
     * Runs the steps of one stage at the same time, each in a thread of its own, and waits for all of them; throws
     * the first failure (in plan order) with the others' attached, once every step has ended.
     */
    private Map<String, RunReport.StepReport> runConcurrently(List<MigrationStep> toRun, MigrationPlan plan,
            String runId, RunnerLock held, Consumer<String> log, StepOutcomes outcomes) {
        for (MigrationStep step : toRun) {
            log.accept("step " + step.name() + " (at once with " + toRun.stream().filter(other -> other != step)
                    .map(MigrationStep::name).collect(Collectors.joining(", ")) + ")");
        }
        ExecutorService threads = Executors.newFixedThreadPool(toRun.size(), task -> {
            Thread thread = new Thread(task, "recast-step");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Future<RunReport.StepReport>> running = new LinkedHashMap<>();
            for (MigrationStep step : toRun) {
                running.put(step.name(), threads.submit(() -> {
                    Thread.currentThread().setName("recast-step " + step.name());
                    return runRecorded(step, plan, runId, held, log, outcomes.seenBy(step.name()), outcomes);
                }));
            }
            Map<String, RunReport.StepReport> reports = new HashMap<>();
            RuntimeException failure = null;
            for (Map.Entry<String, Future<RunReport.StepReport>> step : running.entrySet()) {
                try {
                    reports.put(step.getKey(), step.getValue().get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("Step " + step.getKey() + " failed: "
                            + e.getCause().getMessage(), e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else if (cause != failure) {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while steps " + running.keySet() + " ran", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return reports;
        } finally {
            threads.shutdownNow();
        }
    }

    private static StepResult runStep(MigrationStep step, StepContext context) {
        try {
            return Objects.requireNonNull(step.run(context), () -> "step " + step.name() + " returned no result");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Step " + step.name() + " failed: " + e.getMessage(), e);
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
