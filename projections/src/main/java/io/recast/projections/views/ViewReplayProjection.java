package io.recast.projections.views;

import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.projections.TokenRangeSlices;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Replays the whole journal into the views, as Pekko projections over token ranges ({@link TokenRangeSlices}): one
 * projection per slice, offset = the last range whose views are written. A killed replay, run again with the same
 * run id, resumes after each slice's stored range; ranges replayed twice write the same versions again.
 */
public final class ViewReplayProjection {

    /** The name of a replay's projections is this prefix and the run id. */
    public static final String PROJECTION_NAME_PREFIX = "recast-views-";

    private final ViewReplay replay;
    private final TokenRangeSlices<ViewReplay.RangeResult> slices;
    private final String runId;

    public ViewReplayProjection(String runId, ViewReplay replay, ProjectionOffsets offsets, int slices) {
        this(runId, replay, new TokenRangeSlices<>(PROJECTION_NAME_PREFIX + runId, replay.rangeCount(), slices,
                offsets));
    }

    private ViewReplayProjection(String runId, ViewReplay replay, TokenRangeSlices<ViewReplay.RangeResult> slices) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.replay = Objects.requireNonNull(replay, "replay");
        this.slices = slices;
    }

    /**
     * The same replay, its slices spread over the nodes of the Pekko cluster that join it (when the actor system runs
     * Pekko Cluster), writing {@code work}.
     */
    public ViewReplayProjection sharedAs(SharedViewReplay.Cluster cluster, SharedViewReplay.Work work) {
        return new ViewReplayProjection(runId, replay, slices.sharedAs(SharedViewReplay.sharing(cluster, work)));
    }

    /**
     * The same replay, checking {@code fence} once each range's views are written, before its offset is stored, and
     * before its offsets are forgotten (the range's own writes are fenced by the replay's {@link ViewWriter}).
     */
    public ViewReplayProjection fencedBy(io.recast.engine.migration.WriteFence fence) {
        return new ViewReplayProjection(runId, replay, slices.fencedBy(fence));
    }

    /** How the ranges were shared among the cluster's nodes (a shared replay only). */
    public io.recast.projections.ClusterSlices.Sharing sharing(java.time.Instant since) {
        return slices.sharing(since);
    }

    /** What a replay (or the part of it that one call ran) did. */
    public record Result(String runId, int rangesReplayed, int rangesResumedPast, long rows, ViewWriter.Counts counts,
                         Duration duration, java.util.Optional<io.recast.projections.ClusterSlices.Sharing> sharing) {

        public Result(String runId, int rangesReplayed, int rangesResumedPast, long rows, ViewWriter.Counts counts,
                      Duration duration) {
            this(runId, rangesReplayed, rangesResumedPast, rows, counts, duration, java.util.Optional.empty());
        }

        public double eventsPerSecond() {
            return duration.isZero() ? 0 : rows / (duration.toNanos() / 1e9);
        }
    }

    /** The ranges already replayed by this run id. */
    public int rangesDone() {
        return slices.rangesDone().size();
    }

    /** Runs or resumes the replay; returns when every range's views are written and its offset stored. */
    public Result run(ActorSystem<?> system, Duration timeout) {
        return run(system, timeout, io.recast.projections.RangeProgress.NONE);
    }

    /** As {@link #run(ActorSystem, Duration)}, telling {@code progress} of each range done. */
    public Result run(ActorSystem<?> system, Duration timeout, io.recast.projections.RangeProgress progress) {
        long started = System.nanoTime();
        java.time.Instant since = java.time.Instant.now();
        int before = slices.rangesDone().size();
        List<ViewReplay.RangeResult> ranges = slices.run(system, replay::replayRange, timeout,
                "view replay " + runId, progress, ViewReplay.RangeResult::rows);
        long rows = 0;
        ViewWriter.Counts counts = ViewWriter.Counts.NONE;
        for (ViewReplay.RangeResult range : ranges) {
            rows += range.rows();
            counts = counts.plus(range.counts());
        }
        java.util.Optional<io.recast.projections.ClusterSlices.Sharing> sharing = slices.isShared(system)
                ? java.util.Optional.of(slices.sharing(slices.slicesStarted().orElse(since)))
                : java.util.Optional.empty();
        return new Result(runId, ranges.size(), before, rows, counts, Duration.ofNanos(System.nanoTime() - started),
                sharing);
    }

    /** Forgets the offsets of this run id (while it does not run), so that it starts from the first range again. */
    public ProjectionOffsets.ClearResult forget() {
        return slices.forget();
    }

    public String projectionName() {
        return slices.projectionName();
    }
}
