package io.recast.engine.plan;

/** A condition a migration checks before it changes anything; a failed check refuses the run. */
public interface PreflightCheck {

    /** What it checks, e.g. "cluster at rest". */
    String name();

    /** Checks. Must not write anything. */
    PreflightResult check();
}
