package io.recast.engine.plan;

import io.recast.engine.migration.WriteFence;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a step is told when it runs.
 *
 * @param runId  the run's id: steps name their own checkpoints after it, so a resumed run finds them
 * @param dryRun whether to write nothing anywhere and only report
 * @param log    where to write progress lines for the operator
 * @param fence  checked before each write: throws once the runner lost its lock ({@link WriteFence#NONE} in a dry
 *               run)
 */
public record StepContext(String runId, boolean dryRun, Consumer<String> log, WriteFence fence) {

    public StepContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(fence, "fence");
    }

    /** A context without a lock to fence writes with. */
    public StepContext(String runId, boolean dryRun, Consumer<String> log) {
        this(runId, dryRun, log, WriteFence.NONE);
    }
}
