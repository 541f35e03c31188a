package io.recast.engine.rewrite;

import java.time.Duration;

/**
 * Told how far a {@link JournalRewrite} is, to show a person a bar with a rate and the time left. Called from several
 * threads at once (one per slice being read); implementations must be thread-safe and quick.
 */
public interface RewriteProgress {

    /** @param eventsSoFar events read by the rewrite pass so far (every thread's, not monotonic across threads) */
    void eventsRead(long eventsSoFar);

    /**
     * @param slicesDone   slices of this run finished so far
     * @param slicesToRead slices this run reads (those checkpointed by an earlier run of it are left out)
     * @param elapsed      time since the rewrite pass started
     */
    default void sliceDone(int slicesDone, int slicesToRead, Duration elapsed) {
    }

    RewriteProgress NONE = events -> { };
}
