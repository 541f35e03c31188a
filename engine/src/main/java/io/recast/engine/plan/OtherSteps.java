package io.recast.engine.plan;

/**
 * The other steps of a running plan, as one step sees them: a step that runs at the same time as another one (see
 * {@link PlanStage}) waits here for the other's effect at the point where it needs it.
 */
@FunctionalInterface
public interface OtherSteps {

    /** For a step that waits for no other. */
    OtherSteps NONE = step -> {
        throw new IllegalArgumentException("this step runs on its own: it cannot wait for step '" + step + "'");
    };

    /**
     * Returns once the named step is done: at once if an earlier stage or an earlier run finished it.
     *
     * @throws IllegalStateException    if that step failed (its failure is the cause)
     * @throws IllegalArgumentException if the plan has no such step before or beside the waiting one
     * @throws InterruptedException     if the waiting thread was interrupted
     */
    void awaitDone(String step) throws InterruptedException;
}
