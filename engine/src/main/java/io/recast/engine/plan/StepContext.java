package io.recast.engine.plan;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a step is told when it runs.
 *
 * @param runId  the run's id: steps name their own checkpoints after it, so a resumed run finds them
 * @param dryRun whether to write nothing anywhere and only report
 * @param log    where to write progress lines for the operator
 */
public record StepContext(String runId, boolean dryRun, Consumer<String> log) {

    public StepContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(log, "log");
    }
}
