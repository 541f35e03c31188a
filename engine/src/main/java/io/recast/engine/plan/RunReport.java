package io.recast.engine.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of a plan did.
 *
 * @param from     the plan's source version
 * @param to       its target version
 * @param runId    the run
 * @param outcome  how it ended
 * @param steps    each step, in plan order
 * @param version  the version recorded at the end (empty for a dry run)
 * @param duration the wall-clock time
 */
public record RunReport(String from, String to, String runId, Outcome outcome, List<StepReport> steps,
                        Optional<VersionRecord> version, Duration duration) {

    /** How a run ended. */
    public enum Outcome {
        /** Every step done (now or by an earlier run) and the target version recorded. */
        MIGRATED,
        /** The journal was at the target version already: nothing ran. */
        ALREADY_AT_TARGET,
        /** Every step ran without writing; nothing recorded. */
        DRY_RUN
    }

    /**
     * One step of the run.
     *
     * @param name     the step
     * @param status   what happened to it in this run
     * @param duration how long it took in this run
     * @param result   its result, empty when it was skipped
     */
    public record StepReport(String name, Status status, Duration duration, Optional<StepResult> result) {
        public StepReport {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(result, "result");
        }
    }

    /** What happened to a step in a run. */
    public enum Status {
        /** It ran. */
        RAN,
        /** An earlier run of this migration had done it. */
        DONE_BEFORE,
        /** It ran without writing. */
        DRY_RUN
    }

    public RunReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(outcome, "outcome");
        steps = List.copyOf(steps);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether every step that ran finished clean. */
    public boolean clean() {
        return steps.stream().allMatch(step -> step.result().map(StepResult::clean).orElse(true));
    }
}
