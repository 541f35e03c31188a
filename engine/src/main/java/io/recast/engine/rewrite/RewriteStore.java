package io.recast.engine.rewrite;

import java.util.Optional;
import java.util.Set;

/** Recast's own bookkeeping of a rewrite run: finished slices and the context of its first pass. */
public interface RewriteStore {

    /** The slices that a run finished, so that a resumed run skips them. */
    Set<Integer> completedSlices(String runId);

    void sliceCompleted(String runId, int slice);

    /** The context that the run's first pass collected, as saved by {@link #saveContext}. */
    Optional<byte[]> context(String runId);

    /**
     * Saves the first pass's context before anything is written, so that a resumed run upcasts with the same context
     * even though the events it came from may already be rewritten.
     */
    void saveContext(String runId, byte[] context);
}
