package io.recast.engine.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How a plan runs: checks that the journal is at the plan's source version (or already at its target: then nothing
 * runs) and that the plan's checksum matches what earlier runs of it recorded, runs the preflight checks, takes the
 * lock, runs each step that no earlier run finished (so a killed run, started again, resumes at the step it was in),
 * records each step in the history, records the target version, and releases the lock. Only step runs after the
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
            StepResult result = runStep(step, new StepContext(runId, true, log));
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
            for (MigrationStep step : plan.steps()) {
                held.checkHeld();
                StepRecord before = done.get(step.name());
                if (before != null) {
                    log.accept("step " + step.name() + ": done by run " + before.runId() + " at "
                            + before.finishedAt().map(Instant::toString).orElse("?"));
                    steps.add(new RunReport.StepReport(step.name(), RunReport.Status.DONE_BEFORE, Duration.ZERO,
                            Optional.empty()));
                    continue;
                }
                log.accept("step " + step.name());
                long stepStarted = System.nanoTime();
                StepRecord record = new StepRecord(plan.from(), plan.to(), step.name(), runId, plan.checksum(),
                        clock.instant(), Optional.empty(), StepRecord.Outcome.RUNNING, Map.of(),
                        "run by " + held.owner());
                history.record(record);
                StepResult result;
                try {
                    result = runStep(step, new StepContext(runId, false, log, held.fence()));
                } catch (RuntimeException e) {
                    history.record(record.finished(clock.instant(), StepRecord.Outcome.FAILED, Map.of(),
                            String.valueOf(e.getMessage())));
                    throw e;
                }
                held.checkHeld();
                history.record(record.finished(clock.instant(), StepRecord.Outcome.SUCCEEDED, result.counts(),
                        result.summary()));
                steps.add(new RunReport.StepReport(step.name(), RunReport.Status.RAN, elapsed(stepStarted),
                        Optional.of(result)));
            }
            held.checkHeld();
            VersionRecord version = new VersionRecord(plan.to(), plan.from(), plan.checksum(), runId, clock.instant());
            history.recordVersion(version);
            log.accept("version " + plan.to() + " recorded");
            return new RunReport(plan.from(), plan.to(), runId, RunReport.Outcome.MIGRATED, steps,
                    Optional.of(version), elapsed(started));
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
