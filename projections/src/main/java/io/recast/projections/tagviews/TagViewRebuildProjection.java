package io.recast.projections.tagviews;

import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.ScanListener;
import io.recast.adapters.cassandra.tagviews.TagViewRebuild;
import io.recast.projections.TokenRangeSlices;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;

/**
 * Runs a {@link TagViewRebuild} as Pekko projections ({@link TokenRangeSlices}): the token ranges of
 * {@code messages} are dealt into {@code slices}, one {@link ProjectionBehavior} actor per slice handles its ranges
 * one after the other (at-least-once, each range's offset stored in Pekko Projection's Cassandra {@code offset_store}
 * once all its rows are written), so that {@code slices} ranges are rebuilt at once, a killed rebuild resumes after
 * the last stored range of each slice, and the slices can be paused, resumed or cleared with Pekko's
 * {@link ProjectionManagement}.
 *
 * <p>The rebuild's {@link TagViewRebuild#fence() fence} is checked before each write, before each range's offset is
 * stored and before {@link #forget()} deletes offsets and checkpoints: a runner that lost its lock stops with the
 * fence's exception.
 *
 * <p>Rebuilding a range again is harmless: its rows are keyed and numbered as before. The projections end when
 * every slice has stored the offset of its last range; then they are stopped.
 *
 * <p>The actor system must be configured for {@code pekko-projection-cassandra} (its {@code offset-store} and the
 * {@code datastax-java-driver} section); the offset tables are created if missing.
 */
public final class TagViewRebuildProjection {

    /** The name of a run's projections is this prefix and the run id; their keys name the slices. */
    public static final String PROJECTION_NAME_PREFIX = "recast-tag-views-";

    private final TagViewRebuild rebuild;
    private final TokenRangeSlices<TagViewRebuild.Result> slices;

    /**
     * @param rebuild what to run; its run id names the projections, so the same run id resumes
     * @param offsets the offset store's tables, as the actor system's {@code pekko.projection.cassandra.offset-store}
     *                names them (read to see when every slice is done, cleared by {@link #forget()})
     * @param slices  how many ranges are rebuilt at once (at most the number of ranges)
     */
    public TagViewRebuildProjection(TagViewRebuild rebuild, ProjectionOffsets offsets, int slices) {
        this.rebuild = Objects.requireNonNull(rebuild, "rebuild");
        this.slices = new TokenRangeSlices<TagViewRebuild.Result>(PROJECTION_NAME_PREFIX
                + rebuild.settings().runId(), rebuild.ranges().size(), slices, offsets).fencedBy(rebuild.fence());
    }

    /** The projection of each slice, in slice order. */
    public List<ProjectionId> projectionIds() {
        return slices.projectionIds();
    }

    /** The name of this run's projections. */
    public String projectionName() {
        return slices.projectionName();
    }

    /** The ranges of a slice: every {@code slices}-th range from the slice's index, in increasing order. */
    List<Integer> rangesOf(int slice) {
        return slices.rangesOf(slice);
    }

    /**
     * Runs (or resumes) the rebuild in the actor system and returns when every range is rebuilt and its offset
     * stored, or throws when a range fails (after the rebuild's own write retries) or the timeout passes; the
     * projections are stopped either way.
     *
     * @return the counts of the ranges rebuilt by this call ({@link TagViewRebuild.Result#rangesSkipped()}: those
     *         resumed past)
     */
    public TagViewRebuild.Result run(ActorSystem<?> system, Duration timeout) {
        return run(system, timeout, io.recast.projections.RangeProgress.NONE);
    }

    /** As {@link #run(ActorSystem, Duration)}, telling {@code progress} of each range rebuilt. */
    public TagViewRebuild.Result run(ActorSystem<?> system, Duration timeout,
                                     io.recast.projections.RangeProgress progress) {
        long started = System.nanoTime();
        List<TagViewRebuild.Result> results = slices.run(system,
                range -> rebuild.runRanges(Set.of(range), ScanListener.NONE), timeout,
                "tag view rebuild " + rebuild.settings().runId(), progress, TagViewRebuild.Result::eventsRead);
        return combine(results, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Clears the stored offsets of this run's projections (while they do not run) and the rebuild's checkpoints, so
     * that the run id starts from scratch.
     */
    public ProjectionOffsets.ClearResult forget() {
        ProjectionOffsets.ClearResult cleared = slices.forget();
        rebuild.forgetCheckpoints();
        return cleared;
    }

    private TagViewRebuild.Result combine(List<TagViewRebuild.Result> results, Duration duration) {
        long eventsRead = 0;
        long deleted = 0;
        long tagRows = 0;
        long batches = 0;
        long progressRows = 0;
        long persistenceIds = 0;
        long irregularCount = 0;
        Set<String> tags = new TreeSet<>();
        Set<String> irregular = new TreeSet<>();
        int scanned = 0;
        synchronized (results) {
            for (TagViewRebuild.Result result : results) {
                eventsRead += result.eventsRead();
                deleted += result.eventsSkippedAsDeleted();
                tagRows += result.tagRowsWritten();
                batches += result.batchesWritten();
                progressRows += result.progressRowsWritten();
                persistenceIds += result.persistenceIds();
                irregularCount += result.irregularPersistenceIdCount();
                tags.addAll(result.tags());
                irregular.addAll(result.irregularPersistenceIds());
                scanned += result.rangesScanned();
            }
        }
        return new TagViewRebuild.Result(rebuild.settings().runId(), eventsRead, deleted, tagRows, batches,
                progressRows, persistenceIds, tags, scanned, rebuild.ranges().size() - scanned, duration,
                irregularCount, irregular.stream().limit(TagViewRebuild.MAX_LISTED_IRREGULAR_IDS).toList());
    }
}
