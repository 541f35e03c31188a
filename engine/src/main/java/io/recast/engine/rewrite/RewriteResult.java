package io.recast.engine.rewrite;

import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a rewrite did (or, for a dry run, would do).
 *
 * @param dryRun             whether nothing was written
 * @param checksum           the checksum of the upcaster chain that ran
 * @param eventsRead         events read in the rewrite pass (slices skipped on resume are not counted)
 * @param persistenceIds     ids read in the rewrite pass
 * @param unchangedIds       ids already in their target shape
 * @param rewrittenIds       ids with at least one changed row
 * @param renumberedIds      of those, ids renumbered because of drops or splits
 * @param heldBackIds        ids left as they were because an event failed
 * @param upcastEvents       events upcast (changed) in the rewritten ids; held-back ids stay as they are and
 *                           are not counted here, nor in the drops, splits and per-upcaster counts
 * @param droppedEvents      events dropped by an upcaster
 * @param splitEvents        events split into several
 * @param eventsAfter        events the rewritten ids hold afterwards
 * @param rowsWritten        rows written (backups, journal rows, deletions); 0 in a dry run
 * @param perUpcaster        how often each upcaster applied
 * @param quarantined        how many events were quarantined (would be, in a dry run)
 * @param quarantinedByCode  the same, by error code
 * @param listed             the first quarantined events by name (persistence id, sequence number, type, why)
 * @param contextFailures    events the first pass could not read
 * @param samples            before/after samples
 * @param slicesSkipped      slices finished by an earlier attempt of the same run
 * @param contextPass        time of the first pass
 * @param rewritePass        time of the rewrite pass
 */
public record RewriteResult(boolean dryRun, String checksum, long eventsRead, long persistenceIds, long unchangedIds,
                            long rewrittenIds, long renumberedIds, long heldBackIds, long upcastEvents,
                            long droppedEvents, long splitEvents, long eventsAfter, long rowsWritten,
                            Map<String, Long> perUpcaster, long quarantined,
                            Map<UpcastErrorCode, Long> quarantinedByCode, List<PidRewrite.Quarantined> listed,
                            List<UpcastFailure> contextFailures, List<RewriteSample> samples, int slicesSkipped,
                            Duration contextPass, Duration rewritePass) {

    public RewriteResult {
        perUpcaster = Map.copyOf(perUpcaster);
        quarantinedByCode = Map.copyOf(quarantinedByCode);
        listed = List.copyOf(listed);
        contextFailures = List.copyOf(contextFailures);
        samples = List.copyOf(samples);
    }

    /** Whether every event was upcast or already in shape: nothing quarantined, no unreadable context. */
    public boolean clean() {
        return quarantined == 0 && contextFailures.isEmpty();
    }

    /** Events per second of the rewrite pass. */
    public double eventsPerSecond() {
        return eventsRead / Math.max(1e-3, rewritePass.toNanos() / 1e9);
    }
}
