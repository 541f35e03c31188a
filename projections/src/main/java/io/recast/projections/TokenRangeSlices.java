package io.recast.projections;

import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.SharedRangeRuns;
import io.recast.engine.migration.WriteFence;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.concurrent.Executor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work per token range of {@code messages} as Pekko projections: the ranges are dealt into {@code slices}, one
 * {@link ProjectionBehavior} actor per slice handles its ranges one after the other (at-least-once: a range's index
 * is stored as the slice's offset in Pekko Projection's Cassandra {@code offset_store} once its work is done), so
 * {@code slices} ranges run at once, a killed run resumes after the last stored range of each slice, and slices can
 * be paused, resumed or cleared with Pekko's {@code ProjectionManagement}.
 *
 * <p>The work of a range must be idempotent: a range whose work was done but whose offset was not stored runs again.
 * The projections end when every slice has stored the offset of its last range; then they are stopped.
 *
 * <p>On a Pekko cluster, a run {@linkplain #sharedAs shared} with the other nodes spreads its slices over every node
 * that joins it ({@link ClusterSlices}, Pekko's sharded daemon processes): the run is announced in
 * {@link SharedRangeRuns}, each range's result is recorded in its ledger by whichever node did it, and the node that
 * started the run sums them from there.
 *
 * @param <R> what the work of one range returns
 */
public final class TokenRangeSlices<R> {

    /** The work of one range; it returns when every effect of the range is written. */
    @FunctionalInterface
    public interface RangeWork<R> {
        R run(int rangeIndex);
    }

    private static final Logger log = LoggerFactory.getLogger(TokenRangeSlices.class);
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** How long a shared run waits for the cluster's members before it goes on with those that are up. */
    private static final Duration MEMBERS_AWAITED = Duration.ofMinutes(2);
    /** How long a run that ends or fails waits for its projections and their ranges in flight to stop. */
    private static final Duration STOP_AWAITED = Duration.ofSeconds(30);

    private final String projectionName;
    private final int rangeCount;
    private final int slices;
    private final ProjectionOffsets offsets;
    private final Optional<Sharing<R>> sharing;
    private final WriteFence fence;
    private volatile Optional<Instant> slicesStarted = Optional.empty();

    /** How a range's result is kept in the ledger of a shared run, as text. */
    public interface ResultCodec<R> {
        String encode(R result);

        R decode(String text);
    }

    /**
     * How a run is shared with the other nodes of a Pekko cluster.
     *
     * @param kind     what the work is, so that a joining node knows how to do it (e.g. {@code views})
     * @param work     what a joining node needs to do it (the kind's own text)
     * @param minNodes how many cluster members must be up before the slices start
     */
    public record Sharing<R>(SharedRangeRuns runs, String kind, String work, ResultCodec<R> codec, int minNodes) {

        public Sharing {
            Objects.requireNonNull(runs, "runs");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(codec, "codec");
            if (minNodes < 1) {
                throw new IllegalArgumentException("minNodes must be at least 1, was " + minNodes);
            }
        }
    }

    /**
     * @param projectionName the name of the projections (one per slice, keyed {@code slice-k-of-n}); the same name
     *                       resumes
     * @param rangeCount     how many token ranges there are
     * @param slices         how many ranges run at once (at most {@code rangeCount})
     * @param offsets        the offset store's tables, as the actor system's
     *                       {@code pekko.projection.cassandra.offset-store} names them
     */
    public TokenRangeSlices(String projectionName, int rangeCount, int slices, ProjectionOffsets offsets) {
        this(projectionName, rangeCount, slices, offsets, Optional.empty(), WriteFence.NONE);
    }

    private TokenRangeSlices(String projectionName, int rangeCount, int slices, ProjectionOffsets offsets,
                             Optional<Sharing<R>> sharing, WriteFence fence) {
        this.sharing = sharing;
        this.fence = Objects.requireNonNull(fence, "fence");
        this.projectionName = Objects.requireNonNull(projectionName, "projectionName");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        if (slices < 1 || slices > rangeCount) {
            throw new IllegalArgumentException("slices must be between 1 and the " + rangeCount
                    + " token ranges, was " + slices);
        }
        this.rangeCount = rangeCount;
        this.slices = slices;
    }

    /**
     * The same slices, shared with the other nodes when the actor system runs Pekko Cluster (in a single JVM they run
     * as before).
     */
    public TokenRangeSlices<R> sharedAs(Sharing<R> sharing) {
        return new TokenRangeSlices<>(projectionName, rangeCount, slices, offsets, Optional.of(sharing), fence);
    }

    /**
     * The same slices, checking {@code fence} once a range's work is done, before its offset is stored, and before
     * {@link #forget()} deletes offsets (the migration lock: a runner that lost it stores no more offsets). A run
     * that the fence stops throws the fence's exception as it is. The range's work checks the fence before its own
     * writes. Pekko stores the offset once the work returned: in an actor system whose projections use
     * {@link FencedOffsetSessions}, the fence is checked again right before that write.
     */
    public TokenRangeSlices<R> fencedBy(WriteFence value) {
        return new TokenRangeSlices<>(projectionName, rangeCount, slices, offsets, sharing, value);
    }

    /** Whether a run in this actor system is shared with the cluster's other nodes. */
    public boolean isShared(ActorSystem<?> system) {
        return sharing.isPresent() && ClusterSlices.isCluster(system);
    }

    public String projectionName() {
        return projectionName;
    }

    public int slices() {
        return slices;
    }

    public int rangeCount() {
        return rangeCount;
    }

    /** The projection of each slice, in slice order. */
    public List<ProjectionId> projectionIds() {
        List<ProjectionId> ids = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            ids.add(ProjectionId.of(projectionName, "slice-" + slice + "-of-" + slices));
        }
        return ids;
    }

    /** The ranges of a slice: every {@code slices}-th range from the slice's index, in increasing order. */
    public List<Integer> rangesOf(int slice) {
        List<Integer> ranges = new ArrayList<>();
        for (int index = slice; index < rangeCount; index += slices) {
            ranges.add(index);
        }
        return ranges;
    }

    /** The ranges whose offsets are stored (done by an earlier or the current run). */
    public Set<Integer> rangesDone() {
        return rangesDoneBy(offsets.offsets(projectionName));
    }

    private int rangesDoneIn(Map<String, ProjectionOffsets.StoredOffset> stored) {
        return rangesDoneBy(stored).size();
    }

    private Set<Integer> rangesDoneBy(Map<String, ProjectionOffsets.StoredOffset> stored) {
        List<ProjectionId> ids = projectionIds();
        Set<Integer> done = new TreeSet<>();
        for (int slice = 0; slice < slices; slice++) {
            ProjectionOffsets.StoredOffset offset = stored.get(ids.get(slice).key());
            if (offset != null) {
                long last = Long.parseLong(offset.offset());
                rangesOf(slice).stream().filter(range -> range <= last).forEach(done::add);
            }
        }
        return done;
    }

    /**
     * Runs (or resumes) the work of every range not done yet in the actor system and returns when every range's
     * offset is stored, or throws when a range's work fails or the timeout passes; the projections are stopped
     * either way.
     *
     * @param what names the work in messages, e.g. "tag view rebuild run-1"
     * @return the results of the ranges that this call ran, in no particular order
     */
    public List<R> run(ActorSystem<?> system, RangeWork<R> work, Duration timeout, String what) {
        return run(system, work, timeout, what, RangeProgress.NONE);
    }

    /** As {@link #run(ActorSystem, RangeWork, Duration, String)}, telling {@code progress} of each range done. */
    public List<R> run(ActorSystem<?> system, RangeWork<R> work, Duration timeout, String what,
                       RangeProgress progress) {
        return run(system, work, timeout, what, progress, Optional.empty());
    }

    /**
     * As {@link #run(ActorSystem, RangeWork, Duration, String, RangeProgress)}, telling {@code progress} of the events
     * the ranges done held too, as {@code eventsOf} counts them in a range's result.
     */
    public List<R> run(ActorSystem<?> system, RangeWork<R> work, Duration timeout, String what,
                       RangeProgress progress, ToLongFunction<R> eventsOf) {
        return run(system, work, timeout, what, progress, Optional.of(eventsOf));
    }

    private List<R> run(ActorSystem<?> system, RangeWork<R> work, Duration timeout, String what,
                        RangeProgress progress, Optional<ToLongFunction<R>> eventsOf) {
        long started = System.nanoTime();
        if (sharing.isPresent() && ClusterSlices.isCluster(system)) {
            return runShared(system, work, timeout, what, progress, eventsOf, started);
        }
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger(
                rangesDone().size());
        java.util.concurrent.atomic.AtomicLong events = new java.util.concurrent.atomic.AtomicLong();
        RangeWork<R> reported = range -> {
            long rangeStarted = System.nanoTime();
            R result = work.run(range);
            log.debug("{}: range {} took {} ms, {} ms after the start", what, range,
                    (System.nanoTime() - rangeStarted) / 1_000_000, (System.nanoTime() - started) / 1_000_000);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (eventsOf.isPresent()) {
                progress.rangeDone(done.incrementAndGet(), rangeCount, elapsed,
                        events.addAndGet(eventsOf.get().applyAsLong(result)));
            } else {
                progress.rangeDone(done.incrementAndGet(), rangeCount, elapsed);
            }
            return result;
        };
        await(CassandraProjection.createTablesIfNotExists(system).toCompletableFuture(), timeout,
                "creating Pekko Projection's offset tables");
        log.debug("{}: offset tables ready after {} ms", what, (System.nanoTime() - started) / 1_000_000);
        List<ProjectionId> ids = projectionIds();
        // Pekko stores each range's offset: fenced where the actor system uses FencedOffsetSessions
        FencedOffsetSessions.register(projectionName, fence);
        CompletableFuture<Void> failed = new CompletableFuture<>();
        List<R> results = new ArrayList<>();
        ExecutorService workers = rangeWorkers();
        int run = RUNS.incrementAndGet();
        List<ActorRef<ProjectionBehavior.Command>> actors = new ArrayList<>();
        try {
            for (int slice = 0; slice < slices; slice++) {
                AtLeastOnceProjection<Long, TokenRangeEnvelope> projection = CassandraProjection.atLeastOnce(
                        ids.get(slice), new TokenRangeSourceProvider(rangesOf(slice)),
                        () -> handler(reported, results, failed, workers, what))
                        .withSaveOffset(1, Duration.ZERO);
                actors.add(system.systemActorOf(ProjectionBehavior.create(projection),
                        "recast-ranges-" + run + "-slice-" + slice, Props.empty()));
            }
            awaitOffsets(ids, failed, timeout, started, what, count -> { });
            // every offset stored; after a failure the fence stays, for the offsets of ranges still under way
            FencedOffsetSessions.register(projectionName, WriteFence.NONE);
        } finally {
            stopAndAwait(actors, workers, what);
        }
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    /**
     * Runs the slices shared with the cluster: announces the run, hosts its work on this node, waits for the
     * configured number of members, starts the slices' sharded daemons and waits for every slice's last offset,
     * whichever node stored it. The run is marked ended when every range is done, held when this call fails (the
     * other nodes finish the range at hand and wait), and left running if this process dies (the other nodes take its
     * slices over and finish).
     */
    private List<R> runShared(ActorSystem<?> system, RangeWork<R> work, Duration timeout, String what,
                              RangeProgress progress, Optional<ToLongFunction<R>> eventsOf, long started) {
        Sharing<R> shared = sharing.orElseThrow();
        await(CassandraProjection.createTablesIfNotExists(system).toCompletableFuture(), timeout,
                "creating Pekko Projection's offset tables");
        Instant since = Instant.now();
        Set<Integer> doneBefore = rangesDone();
        if (doneBefore.size() == rangeCount) {
            // a resumed run whose ranges were all done (by the other nodes, after this one stopped)
            shared.runs().changeState(projectionName, SharedRangeRuns.State.ENDED, since);
            log.info("{}: every range was done before", what);
            return List.of();
        }
        CompletableFuture<Void> failed = new CompletableFuture<>();
        ExecutorService workers = rangeWorkers();
        ClusterSlices.Host host = host(work, ClusterSlices.nodeOf(system), failed::completeExceptionally, workers,
                what);
        ClusterSlices.host(projectionName, host);
        boolean ended = false;
        try {
            shared.runs().announce(new SharedRangeRuns.Run(projectionName, shared.kind(), shared.work(), slices,
                    rangeCount, SharedRangeRuns.State.RUNNING, since));
            ClusterSlices.awaitMembers(system, shared.minNodes(), MEMBERS_AWAITED.compareTo(timeout) < 0
                    ? MEMBERS_AWAITED : timeout, what);
            slicesStarted = Optional.of(Instant.now());
            ClusterSlices.start(system, projectionName, projectionIds(), allRanges());
            int[] reported = {doneBefore.size()};
            awaitOffsets(projectionIds(), failed, timeout, started, what, done -> {
                if (done > reported[0]) {
                    reported[0] = done;
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                    if (eventsOf.isPresent()) {
                        long events = latestResults(doneBefore).stream().mapToLong(eventsOf.get()).sum();
                        progress.rangeDone(done, rangeCount, elapsed, events);
                    } else {
                        progress.rangeDone(done, rangeCount, elapsed);
                    }
                }
            });
            shared.runs().changeState(projectionName, SharedRangeRuns.State.ENDED, Instant.now());
            ended = true;
            log.info("{}: shared over the cluster: {}", what, sharing(slicesStarted.orElseThrow()));
        } finally {
            ClusterSlices.unhost(projectionName, host);
            workers.shutdown();
            if (!ended) {
                try {
                    shared.runs().changeState(projectionName, SharedRangeRuns.State.HELD, Instant.now());
                } catch (RuntimeException e) {
                    log.warn("{}: could not mark the shared run held ({}); the other nodes go on with it", what,
                            e.getMessage());
                }
            }
        }
        return latestResults(doneBefore);
    }

    /**
     * Joins a run that another node shares (announced in {@link SharedRangeRuns}): hosts its work on this node and
     * starts its slices' sharded daemons here, so that the cluster gives this node some of them. The work stays hosted
     * until the returned handle is closed.
     */
    public AutoCloseable join(ActorSystem<?> system, RangeWork<R> work, Consumer<RuntimeException> onFailure) {
        if (sharing.isEmpty() || !ClusterSlices.isCluster(system)) {
            throw new IllegalStateException("Only a shared run on a Pekko cluster can be joined: configure"
                    + " recast.cluster (pekko.actor.provider = cluster)");
        }
        ExecutorService workers = rangeWorkers();
        ClusterSlices.Host host = host(work, ClusterSlices.nodeOf(system), onFailure, workers, projectionName);
        ClusterSlices.host(projectionName, host);
        await(CassandraProjection.createTablesIfNotExists(system).toCompletableFuture(), Duration.ofMinutes(1),
                "creating Pekko Projection's offset tables");
        ClusterSlices.start(system, projectionName, projectionIds(), allRanges());
        return () -> {
            ClusterSlices.unhost(projectionName, host);
            workers.shutdown();
        };
    }

    /** When the last shared run in this process started its slices (once enough members were up). */
    public Optional<Instant> slicesStarted() {
        return slicesStarted;
    }

    /** How the ranges of this shared run were shared among the nodes, counting attempts finished since then. */
    public ClusterSlices.Sharing sharing(Instant since) {
        return ClusterSlices.Sharing.of(sharing.orElseThrow().runs(), projectionName, since);
    }

    private List<List<Integer>> allRanges() {
        List<List<Integer>> ranges = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            ranges.add(rangesOf(slice));
        }
        return ranges;
    }

    /** The result of the latest attempt at each range not done before, from the ledger. */
    private List<R> latestResults(Set<Integer> doneBefore) {
        Sharing<R> shared = sharing.orElseThrow();
        Map<Integer, SharedRangeRuns.RangeAttempt> latest = new java.util.TreeMap<>();
        for (SharedRangeRuns.RangeAttempt attempt : shared.runs().attempts(projectionName)) {
            if (!doneBefore.contains(attempt.rangeIndex())) {
                latest.merge(attempt.rangeIndex(), attempt,
                        (a, b) -> a.finished().isAfter(b.finished()) ? a : b);
            }
        }
        List<R> results = new ArrayList<>();
        latest.values().forEach(attempt -> results.add(shared.codec().decode(attempt.result())));
        return results;
    }

    private ClusterSlices.Host host(RangeWork<R> work, String node, Consumer<RuntimeException> onFailure,
                                    Executor workers, String what) {
        Sharing<R> shared = sharing.orElseThrow();
        return rangeIndex -> CompletableFuture.supplyAsync(() -> {
            try {
                R result = work.run(rangeIndex);
                shared.runs().recordRange(projectionName, rangeIndex, node, Instant.now(),
                        shared.codec().encode(result));
                return Done.getInstance();
            } catch (RuntimeException e) {
                onFailure.accept(new IllegalStateException("Token range " + rangeIndex + " of the " + what
                        + " failed on " + node + ": " + e.getMessage(), e));
                throw e;
            }
        }, workers);
    }

    /**
     * Stops the slices' projections and waits until they have stopped (a range in flight finishes and stores its
     * offset first) and until no range's work runs any more, at most {@link #STOP_AWAITED}: once a run has returned
     * or thrown, nothing of it writes, and a run started again reads the offsets it left.
     */
    private static void stopAndAwait(List<ActorRef<ProjectionBehavior.Command>> actors, ExecutorService workers,
                                     String what) {
        long deadline = System.nanoTime() + STOP_AWAITED.toNanos();
        List<CompletableFuture<Boolean>> stopped = new ArrayList<>();
        for (ActorRef<ProjectionBehavior.Command> actor : actors) {
            stopped.add(org.apache.pekko.pattern.Patterns.gracefulStop(
                    org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(actor), STOP_AWAITED,
                    ProjectionBehavior.stopMessage()).toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("{}: its projections did not stop within {} ({}); a range in flight may still finish",
                    what, STOP_AWAITED, e.getMessage());
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.warn("{}: a range's work still runs {} after the stop; it may still write", what, STOP_AWAITED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One daemon thread per slice for the ranges' work (it blocks on the stores). */
    private ExecutorService rangeWorkers() {
        return Executors.newFixedThreadPool(slices, runnable -> {
            Thread thread = new Thread(runnable, "recast-range-work");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Clears the stored offsets of these projections (while they do not run), so that the name starts again. */
    public ProjectionOffsets.ClearResult forget() {
        return offsets.clear(Set.of(projectionName), fence);
    }

    private Handler<TokenRangeEnvelope> handler(RangeWork<R> work, List<R> results, CompletableFuture<Void> failed,
            ExecutorService workers, String what) {
        return new Handler<>() {
            @Override
            public CompletionStage<Done> process(TokenRangeEnvelope envelope) {
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        R result = work.run(envelope.rangeIndex());
                        // the projection stores the range's offset once this returns
                        fence.check();
                        synchronized (results) {
                            results.add(result);
                        }
                        return Done.getInstance();
                    } catch (RuntimeException e) {
                        failed.completeExceptionally(WriteFence.stoppedBy(e).map(RuntimeException.class::cast)
                                .orElseGet(() -> new IllegalStateException("Token range " + envelope.rangeIndex()
                                        + " of the " + what + " failed: " + e.getMessage(), e)));
                        throw e;
                    }
                }, workers);
            }
        };
    }

    /** Waits until every slice stored the offset of its last range, or a range failed, or the time is up. */
    private void awaitOffsets(List<ProjectionId> ids, CompletableFuture<Void> failed, Duration timeout, long started,
            String what, java.util.function.IntConsumer rangesDone) {
        Set<Integer> pending = new HashSet<>();
        for (int slice = 0; slice < ids.size(); slice++) {
            pending.add(slice);
        }
        long deadline = started + timeout.toNanos();
        while (!pending.isEmpty()) {
            if (failed.isCompletedExceptionally()) {
                try {
                    failed.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The " + what + " did not finish within " + timeout
                        + "; slices still running: " + new TreeSet<>(pending)
                        + ". Run it again with the same run id to resume after the ranges it finished.");
            }
            Map<String, ProjectionOffsets.StoredOffset> stored = offsets.offsets(projectionName);
            rangesDone.accept(rangesDoneIn(stored));
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
                    throw new IllegalStateException("Interrupted during the " + what, e);
                } catch (ExecutionException e) {
                    throw (e.getCause() instanceof RuntimeException runtime) ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
        }
        log.info("{}: every slice of {} stored the offset of its last range", what, ids.size());
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
