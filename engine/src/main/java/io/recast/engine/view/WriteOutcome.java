package io.recast.engine.view;

import java.util.List;

/**
 * What one write of a batch did.
 *
 * @param written  documents or graphs stored
 * @param stale    documents not stored because the sink already held the same or a newer version (a replay)
 * @param rejected documents refused for good, with the reason
 */
public record WriteOutcome(int written, int stale, List<RejectedDocument> rejected) {

    public WriteOutcome {
        rejected = List.copyOf(rejected);
    }

    public static final WriteOutcome NOTHING = new WriteOutcome(0, 0, List.of());

    public WriteOutcome plus(WriteOutcome other) {
        List<RejectedDocument> all = new java.util.ArrayList<>(rejected);
        all.addAll(other.rejected);
        return new WriteOutcome(written + other.written, stale + other.stale, all);
    }
}
