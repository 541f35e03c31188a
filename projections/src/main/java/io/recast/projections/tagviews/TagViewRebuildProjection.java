package io.recast.projections.tagviews;

import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.ScanListener;
import io.recast.adapters.cassandra.tagviews.TagViewRebuild;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.javadsl.AtLeastOnceProjection;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link TagViewRebuild} as Pekko projections: the token ranges of {@code messages} are dealt into
 * {@code slices}, one {@link ProjectionBehavior} actor per slice handles its ranges one after the other
 * (at-least-once, each range's offset stored in Pekko Projection's Cassandra {@code offset_store} once all its rows are
 * written), so that {@code slices} ranges are rebuilt at once, a killed rebuild resumes after the last stored range
 * of each slice, and the slices can be paused, resumed or cleared with Pekko's {@link ProjectionManagement}.
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

    private static final Logger log = LoggerFactory.getLogger(TagViewRebuildProjection.class);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final TagViewRebuild rebuild;
    private final ProjectionOffsets offsets;
    private final int slices;

    /**
     * @param rebuild what to run; its run id names the projections, so the same run id resumes
     * @param offsets the offset store's tables, as the actor system's {@code pekko.projection.cassandra.offset-store}
     *                names them (read to see when every slice is done, cleared by {@link #forget()})
     * @param slices  how many ranges are rebuilt at once (at most the number of ranges)
     */
    public TagViewRebuildProjection(TagViewRebuild rebuild, ProjectionOffsets offsets, int slices) {
        this.rebuild = Objects.requireNonNull(rebuild, "rebuild");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        if (slices < 1 || slices > rebuild.ranges().size()) {
            throw new IllegalArgumentException("slices must be between 1 and the " + rebuild.ranges().size()
                    + " token ranges, was " + slices);
        }
        this.slices = slices;
    }

    /** The projection of each slice, in slice order. */
    public List<ProjectionId> projectionIds() {
        List<ProjectionId> ids = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            ids.add(ProjectionId.of(projectionName(), "slice-" + slice + "-of-" + slices));
        }
        return ids;
    }

    /** The name of this run's projections. */
    public String projectionName() {
        return PROJECTION_NAME_PREFIX + rebuild.settings().runId();
    }

    /** The ranges of a slice: every {@code slices}-th range from the slice's index, in increasing order. */
    List<Integer> rangesOf(int slice) {
        List<Integer> ranges = new ArrayList<>();
        for (int index = slice; index < rebuild.ranges().size(); index += slices) {
            ranges.add(index);
        }
        return ranges;
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
        long started = System.nanoTime();
        await(CassandraProjection.createTablesIfNotExists(system).toCompletableFuture(), timeout,
                "creating Pekko Projection's offset tables");
        List<ProjectionId> ids = projectionIds();
        CompletableFuture<Void> failed = new CompletableFuture<>();
        List<TagViewRebuild.Result> results = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(slices, runnable -> {
            Thread thread = new Thread(runnable, "recast-tag-view-range");
            thread.setDaemon(true);
            return thread;
        });
        int run = RUNS.incrementAndGet();
        List<ActorRef<ProjectionBehavior.Command>> actors = new ArrayList<>();
        try {
            for (int slice = 0; slice < slices; slice++) {
                List<Integer> ranges = rangesOf(slice);
                AtLeastOnceProjection<Long, TokenRangeEnvelope> projection = CassandraProjection.atLeastOnce(
                        ids.get(slice), new TokenRangeSourceProvider(ranges),
                        () -> handler(results, failed, workers))
                        .withSaveOffset(1, Duration.ZERO);
                actors.add(system.systemActorOf(ProjectionBehavior.create(projection),
                        "recast-tag-views-" + run + "-slice-" + slice, Props.empty()));
            }
            awaitOffsets(ids, failed, timeout, started);
        } finally {
            actors.forEach(actor -> actor.tell(ProjectionBehavior.stopMessage()));
            workers.shutdown();
        }
        return combine(results, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Clears the stored offsets of this run's projections (while they do not run) and the rebuild's checkpoints, so
     * that the run id starts from scratch.
     */
    public ProjectionOffsets.ClearResult forget() {
        ProjectionOffsets.ClearResult cleared = offsets.clear(Set.of(projectionName()));
        rebuild.forgetCheckpoints();
        return cleared;
    }

    private Handler<TokenRangeEnvelope> handler(List<TagViewRebuild.Result> results, CompletableFuture<Void> failed,
            ExecutorService workers) {
        return new Handler<>() {
            @Override
            public java.util.concurrent.CompletionStage<Done> process(TokenRangeEnvelope envelope) {
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        TagViewRebuild.Result result = rebuild.runRanges(Set.of(envelope.rangeIndex()),
                                ScanListener.NONE);
                        synchronized (results) {
                            results.add(result);
                        }
                        return Done.getInstance();
                    } catch (RuntimeException e) {
                        failed.completeExceptionally(new IllegalStateException("Rebuilding token range "
                                + envelope.rangeIndex() + " of the tag views failed: " + e.getMessage(), e));
                        throw e;
                    }
                }, workers);
            }
        };
    }

    /** Waits until every slice stored the offset of its last range, or a range failed, or the time is up. */
    private void awaitOffsets(List<ProjectionId> ids, CompletableFuture<Void> failed,
            Duration timeout, long started) {
        Set<Integer> pending = new HashSet<>();
        for (int slice = 0; slice < ids.size(); slice++) {
            pending.add(slice);
        }
        long deadline = started + timeout.toNanos();
        while (!pending.isEmpty()) {
            if (failed.isCompletedExceptionally()) {
                failed.join();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The tag view rebuild " + rebuild.settings().runId()
                        + " did not finish within " + timeout + "; slices still running: " + new TreeSet<>(pending)
                        + ". Run it again with the same run id to resume after the ranges it finished.");
            }
            Map<String, ProjectionOffsets.StoredOffset> stored = offsets.offsets(projectionName());
            for (Integer slice : new ArrayList<>(pending)) {
                List<Integer> ranges = rangesOf(slice);
                ProjectionOffsets.StoredOffset offset = stored.get(ids.get(slice).key());
                if (offset != null && String.valueOf(ranges.get(ranges.size() - 1)).equals(offset.offset())) {
                    pending.remove(slice);
                }
            }
            if (!pending.isEmpty()) {
                try {
                    failed.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still running
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while the tag views were rebuilt", e);
                } catch (ExecutionException e) {
                    throw (e.getCause() instanceof RuntimeException runtime) ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
        }
        log.info("tag view rebuild {}: every slice of {} stored the offset of its last range",
                rebuild.settings().runId(), ids.size());
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

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + timeout + " " + what
                    + "; is Cassandra reachable with the configured datastax-java-driver settings?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted " + what, e);
        } catch (ExecutionException | CompletionException e) {
            throw new IllegalStateException("Failed " + what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
