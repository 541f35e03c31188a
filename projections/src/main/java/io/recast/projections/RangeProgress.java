package io.recast.projections;

import java.time.Duration;

/** Told each time a token range of a run is done, to show progress. Called from several threads. */
@FunctionalInterface
public interface RangeProgress {

    /**
     * @param done    ranges done so far, including those resumed past
     * @param total   ranges of the run
     * @param elapsed time since this call of the run started
     */
    void rangeDone(int done, int total, Duration elapsed);

    /**
     * As {@link #rangeDone(int, int, Duration)}, with the events the ranges done by this run held.
     *
     * @param eventsSoFar events read by the ranges this run did so far
     */
    default void rangeDone(int done, int total, Duration elapsed, long eventsSoFar) {
        rangeDone(done, total, elapsed);
    }

    RangeProgress NONE = (done, total, elapsed) -> { };
}
