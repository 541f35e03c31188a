package io.recast.engine.plan;

import java.util.List;

/**
 * Steps of a plan that run at the same time: the runner starts each of them (those no earlier run finished) in a
 * thread of its own and goes on to the next stage once all have succeeded. Each is recorded in the history on its own
 * and resumes on its own. Steps whose work does not depend on each other (such as rebuilding the tag views and
 * replaying the read models, which both only read the journal) share the machine's time this way; where a step needs
 * another one's effect, it waits for it with {@link StepContext#awaitStep(String)} at that point only.
 *
 * @param steps one or more; a stage of one step is an ordinary step of a plan that runs one step after the other
 */
public record PlanStage(List<MigrationStep> steps) {

    public PlanStage {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("A stage of a migration plan needs at least one step");
        }
    }

    /** A stage of one step. */
    public static PlanStage of(MigrationStep step) {
        return new PlanStage(List.of(step));
    }

    /** A stage whose steps run at the same time. */
    public static PlanStage concurrently(MigrationStep... steps) {
        return new PlanStage(List.of(steps));
    }

    /** Whether this stage runs more than one step at once. */
    public boolean concurrent() {
        return steps.size() > 1;
    }
}
