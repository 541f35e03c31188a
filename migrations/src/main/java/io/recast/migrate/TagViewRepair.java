package io.recast.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.tagviews.TagViewRebuild;
import io.recast.adapters.cassandra.tagviews.TagViewReset;
import io.recast.adapters.cassandra.tagviews.TimeBucketSize;
import io.recast.engine.migration.WriteFence;
import io.recast.projections.tagviews.TagViewRebuildProjection;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The reset and rebuild of everything {@code eventsByTag} reads: clears the offsets of the service's projections
 * that the configuration names (so they replay from the start), truncates {@code tag_views},
 * {@code tag_write_progress} and {@code tag_scanning}, and rebuilds them from {@code messages} with the tag view
 * projections. A killed repair started again with the same run id resumes: it neither truncates again nor redoes the
 * token ranges whose offsets are stored. Run it while the service is stopped.
 *
 * @param keyspace            the journal keyspace
 * @param runId               names the run; the same id resumes it
 * @param bucketSize          the live service's {@code events-by-tag.bucket-size}
 * @param parallelism         token ranges rebuilt at once (one projection per slice)
 * @param projectionOffsets   where the service's projections keep their offsets
 * @param projectionsToReset  the service's projections whose offsets are cleared (only these)
 */
public record TagViewRepair(String keyspace, String runId, TimeBucketSize bucketSize, int parallelism,
                            ProjectionOffsets.Tables projectionOffsets, Set<String> projectionsToReset) {

    /** How long a repair may take before it gives up (and can be resumed). */
    public static final Duration TIMEOUT = Duration.ofHours(12);

    public TagViewRepair {
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(bucketSize, "bucketSize");
        Objects.requireNonNull(projectionOffsets, "projectionOffsets");
        projectionsToReset = Set.copyOf(projectionsToReset);
    }

    /**
     * Runs the repair in the actor system (configured for the journal, with the offset store in {@code keyspace}),
     * printing what it does: {@link #reset} unless a killed run of the same id is resumed, then {@link #rebuild}.
     */
    public TagViewRebuild.Result run(CqlSession session, ActorSystem<?> system, PrintStream out) {
        return run(session, system, out, WriteFence.NONE);
    }

    /** As {@link #run(CqlSession, ActorSystem, PrintStream)}, checking {@code fence} before each write. */
    public TagViewRebuild.Result run(CqlSession session, ActorSystem<?> system, PrintStream out, WriteFence fence) {
        if (resuming(session)) {
            out.println("  resuming " + runId + ": " + rebuild(session).completedRanges().size() + " of "
                    + rebuild(session).ranges().size() + " token ranges already rebuilt");
        } else {
            reset(session, out, fence);
        }
        return rebuild(session, system, out, fence);
    }

    /** Whether a run of this id has rebuilt ranges already (so it must not truncate again). */
    public boolean resuming(CqlSession session) {
        TagViewRebuild rebuild = rebuild(session);
        return !rebuild.completedRanges().isEmpty() || !new ProjectionOffsets(session,
                ProjectionOffsets.Tables.in(keyspace)).offsets(projection(session, rebuild).projectionName()).isEmpty();
    }

    /** Clears the configured projections' offsets and truncates the three tag tables. */
    public TagViewReset.Result reset(CqlSession session, PrintStream out) {
        return reset(session, out, WriteFence.NONE);
    }

    /**
     * As {@link #reset(CqlSession, PrintStream)}, checking {@code fence} before each offset deleted and each table
     * truncated (the migration lock: a runner that lost it stops with the fence's exception).
     */
    public TagViewReset.Result reset(CqlSession session, PrintStream out, WriteFence fence) {
        if (!projectionsToReset.isEmpty()) {
            ProjectionOffsets.ClearResult cleared = new ProjectionOffsets(session, projectionOffsets)
                    .clear(projectionsToReset, fence);
            out.println("  cleared the offsets of " + cleared.offsetsCleared().keySet() + " in "
                    + projectionOffsets.keyspace() + " (" + cleared.offsetRowsCleared() + " offset rows)"
                    + (cleared.missingTables().isEmpty() ? "" : "; no table " + cleared.missingTables()));
        }
        TagViewReset.Result reset = new TagViewReset(session, keyspace).reset(fence);
        out.println("  truncated " + reset.tablesTruncated() + " of " + keyspace);
        return reset;
    }

    /**
     * Rebuilds the tag views with the tag view projections (resuming after their stored offsets), prints the
     * counts, and forgets the run's checkpoints and offsets once done.
     */
    public TagViewRebuild.Result rebuild(CqlSession session, ActorSystem<?> system, PrintStream out) {
        return rebuild(session, system, out, WriteFence.NONE);
    }

    /**
     * As {@link #rebuild(CqlSession, ActorSystem, PrintStream)}, checking {@code fence} before each write batch, each
     * checkpoint, each range's offset and the forgetting of the run's offsets (the migration lock: a runner that
     * lost it stops with the fence's exception, {@link io.recast.engine.migration.LockLostException}).
     */
    public TagViewRebuild.Result rebuild(CqlSession session, ActorSystem<?> system, PrintStream out,
                                         WriteFence fence) {
        TagViewRebuild rebuild = rebuild(session, fence);
        TagViewRebuildProjection projection = projection(session, rebuild);
        TagViewRebuild.Result result = projection.run(system, TIMEOUT, ProgressBar.of(out, "tag views"));
        out.printf("  tag views rebuilt by %d projections: %,d events of %,d persistence ids read, %,d tag rows in %,d"
                + " batches, %,d progress rows, %d tags, in %.1f s (%,.0f events/s)%n", projection.projectionIds().size(),
                result.eventsRead(), result.persistenceIds(), result.tagRowsWritten(), result.batchesWritten(),
                result.progressRowsWritten(), result.tags().size(), result.duration().toMillis() / 1000.0,
                result.eventsRead() / Math.max(1e-3, result.duration().toMillis() / 1000.0));
        if (result.irregularPersistenceIdCount() > 0) {
            out.println("  irregular persistence ids (repeated sequence numbers or timestamps going back): "
                    + result.irregularPersistenceIds());
        }
        projection.forget();
        return result;
    }

    private TagViewRebuild rebuild(CqlSession session) {
        return rebuild(session, WriteFence.NONE);
    }

    private TagViewRebuild rebuild(CqlSession session, WriteFence fence) {
        return new TagViewRebuild(session, TagViewRebuild.Settings.defaults(keyspace, runId).withBucketSize(bucketSize),
                fence);
    }

    private TagViewRebuildProjection projection(CqlSession session, TagViewRebuild rebuild) {
        return new TagViewRebuildProjection(rebuild, new ProjectionOffsets(session, ProjectionOffsets.Tables.in(keyspace)),
                Math.min(parallelism, rebuild.ranges().size()));
    }
}
