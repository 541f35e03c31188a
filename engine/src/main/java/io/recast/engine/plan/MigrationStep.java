package io.recast.engine.plan;

/**
 * One named step of a migration plan, such as "rewrite journal" or "rebuild tag views". A step must be safe to run
 * again after it was killed (it resumes or redoes its work), and, in a dry run, must write nothing anywhere.
 */
public interface MigrationStep {

    /** The step's name, unique in its plan; the history records it. */
    String name();

    /**
     * Runs the step.
     *
     * @throws Exception when the step fails; the runner records the failure and stops, and a new run resumes here
     */
    StepResult run(StepContext context) throws Exception;
}
