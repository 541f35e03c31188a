package io.recast.engine.jobs;

import java.util.List;
import java.util.Optional;

/** What Recast records of its reindexing jobs. Adapters implement it. */
public interface ReindexJobs {

    /** Every job, newest first. */
    List<ReindexJob> list();

    Optional<ReindexJob> find(String id);

    /** Stores a new job (or replaces one whose state does not change: target, step, progress, heartbeat). */
    void save(ReindexJob job);

    /**
     * Records the job's progress (target, step, events processed, rate limit, heartbeat) without touching its state, so that a
     * process reporting progress never undoes an operator's pause or cancel.
     */
    void progress(ReindexJob job);

    /**
     * Stores {@code next} only if the stored job is still in {@code expected} (a compare-and-set): two processes
     * (the one that runs the job, an operator's command) never overwrite each other's transition.
     *
     * @return whether it was stored
     */
    boolean replace(ReindexJob next, JobState expected);

    /**
     * Applies {@code action} to the stored job, as {@link ReindexJob#apply} allows, retrying when the job changed
     * meanwhile.
     *
     * @throws IllegalArgumentException when there is no such job
     */
    default JobTransition transition(String id, JobAction action, java.time.Instant now, String why) {
        for (int attempt = 0; attempt < 10; attempt++) {
            ReindexJob current = find(id).orElseThrow(() -> new IllegalArgumentException("No reindexing job " + id
                    + "; `recast jobs list` shows the jobs"));
            JobTransition transition = current.apply(action, now, why);
            if (!transition.applied() || replace(transition.job(), current.state())) {
                return transition;
            }
        }
        throw new IllegalStateException("Job " + id + " kept changing while " + action.label()
                + " was asked; try again");
    }
}
