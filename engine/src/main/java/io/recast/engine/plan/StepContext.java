package io.recast.engine.plan;

import io.recast.engine.migration.WriteFence;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a step is told when it runs.
 *
 * @param runId      the run's id: steps name their own checkpoints after it, so a resumed run finds them
 * @param dryRun     whether to write nothing anywhere and only report
 * @param log        where to write progress lines for the operator
 * @param fence      checked before each write: throws once the runner lost its lock ({@link WriteFence#NONE} in a
 *                   dry run)
 * @param otherSteps the plan's other steps, for a step that must wait for another of its stage
 */
public record StepContext(String runId, boolean dryRun, Consumer<String> log, WriteFence fence,
                          OtherSteps otherSteps) {

    public StepContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(fence, "fence");
        Objects.requireNonNull(otherSteps, "otherSteps");
    }

    /** A context of a step that waits for no other. */
    public StepContext(String runId, boolean dryRun, Consumer<String> log, WriteFence fence) {
        this(runId, dryRun, log, fence, OtherSteps.NONE);
    }

    /** A context without a lock to fence writes with. */
    public StepContext(String runId, boolean dryRun, Consumer<String> log) {
        this(runId, dryRun, log, WriteFence.NONE);
    }

    /**
     * Waits until the named step of the plan is done: for a step that runs at the same time as this one (same
     * {@link PlanStage}) and whose effect this one needs from here on. Returns at once for a step done before.
     *
     * @throws IllegalStateException if that step failed, or this thread was interrupted while waiting
     */
    public void awaitStep(String step) {
        try {
            otherSteps.awaitDone(step);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for step '" + step + "'", e);
        }
    }
}
