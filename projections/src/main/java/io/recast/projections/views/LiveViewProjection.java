package io.recast.projections.views;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.recast.adapters.cassandra.EntityJournal;
import io.recast.adapters.cassandra.ProjectionOffsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The views kept up to date while the service runs: one grouped, at-least-once Pekko projection per tag over
 * {@code eventsByTag}, offsets in Cassandra. For each group, every entity it touches is folded again from its whole
 * journal ({@link EntityJournal}) and written by the same {@link ViewWriter} as the replay, so a live view equals a
 * replayed one. Writes are versioned by revision (documents) or replace the whole graph, so an event handled twice —
 * after a restart, or because the live projection starts before the replay that it follows started — changes nothing.
 *
 * <p>Before it has stored an offset, each tag's projection starts at {@code startAt}: give the instant at which the
 * replay it continues started, so that nothing written meanwhile is missed.
 */
public final class LiveViewProjection {

    /** The name of the live projections of a view is this prefix and the view's name. */
    public static final String PROJECTION_NAME_PREFIX = "recast-views-live-";
    /** How far before {@code startAt} the projections start, for clock skew between writers. */
    public static final Duration START_MARGIN = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(LiveViewProjection.class);
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final String view;
    private final Set<String> tags;
    private final EntityJournal journal;
    private final ViewWriter writer;
    private final ProjectionOffsets offsets;
    private final Instant startAt;
    private final int groupSize;
    private final List<ActorRef<ProjectionBehavior.Command>> running = new ArrayList<>();
    private final AtomicReference<ViewWriter.Counts> counts = new AtomicReference<>(ViewWriter.Counts.NONE);
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "recast-live-views");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param view      names the projections ({@value #PROJECTION_NAME_PREFIX}{@code <view>}, keyed by tag)
     * @param tags      the tags whose events change the views (each entity under exactly one of them)
     * @param startAt   where to start before an offset is stored (minus {@link #START_MARGIN})
     * @param groupSize how many envelopes are handled per group (one offset save per group)
     */
    public LiveViewProjection(String view, Set<String> tags, EntityJournal journal, ViewWriter writer,
                              ProjectionOffsets offsets, Instant startAt, int groupSize) {
        this.view = Objects.requireNonNull(view, "view");
        this.tags = Set.copyOf(new LinkedHashSet<>(tags));
        this.journal = Objects.requireNonNull(journal, "journal");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.startAt = Objects.requireNonNull(startAt, "startAt");
        if (tags.isEmpty() || groupSize < 1) {
            throw new IllegalArgumentException("need at least one tag and a positive group size");
        }
        this.groupSize = groupSize;
    }

    public String projectionName() {
        return PROJECTION_NAME_PREFIX + view;
    }

    /** What the live projections wrote since they started in this process. */
    public ViewWriter.Counts counts() {
        return counts.get();
    }

    /** Starts one projection per tag in the actor system; they run until {@link #stop()}. */
    public synchronized void start(ActorSystem<?> system) {
        if (!running.isEmpty()) {
            throw new IllegalStateException("The live projections of " + view + " already run");
        }
        CassandraProjection.createTablesIfNotExists(system).toCompletableFuture().join();
        CassandraReadJournal readJournal = readJournal(system);
        Offset start = Offset.timeBasedUUID(Uuids.startOf(startAt.minus(START_MARGIN).toEpochMilli()));
        int run = STARTS.incrementAndGet();
        for (String tag : new TreeSet<>(tags)) {
            var projection = CassandraProjection.groupedWithin(ProjectionId.of(projectionName(), tag),
                            new EventsByTagSourceProvider(readJournal, tag, start), this::handler)
                    .withGroup(groupSize, Duration.ofMillis(200));
            running.add(system.systemActorOf(ProjectionBehavior.create(projection),
                    "recast-views-live-" + run + "-" + tag.replaceAll("[^A-Za-z0-9_-]", "_"), Props.empty()));
        }
        log.info("live projections of {} started for tags {} (from their offsets, else from {})", view,
                new TreeSet<>(tags), startAt.minus(START_MARGIN));
    }

    /** Stops the projections (their offsets stay). */
    public synchronized void stop() {
        running.forEach(actor -> actor.tell(ProjectionBehavior.stopMessage()));
        running.clear();
    }

    /**
     * For each tag, the first event after the tag's stored offset (or after the start, when none is stored), as
     * {@code currentEventsByTag} returns it. Every tag's query runs at once: each waits out the plugin's
     * eventual-consistency delay before it completes.
     */
    private Map<String, CompletableFuture<List<EventEnvelope>>> firstEventsAfterOffsets(ActorSystem<?> system,
            CassandraReadJournal readJournal, Set<String> tagsToAsk) {
        Map<String, ProjectionOffsets.StoredOffset> stored = offsets.offsets(projectionName());
        Map<String, CompletableFuture<List<EventEnvelope>>> queries = new LinkedHashMap<>();
        for (String tag : tagsToAsk) {
            ProjectionOffsets.StoredOffset offset = stored.get(tag);
            Offset from = offset == null
                    ? Offset.timeBasedUUID(Uuids.startOf(startAt.minus(START_MARGIN).toEpochMilli()))
                    : Offset.timeBasedUUID(UUID.fromString(offset.offset()));
            queries.put(tag, readJournal.currentEventsByTag(tag, from).take(1)
                    .runWith(Sink.seq(), system).toCompletableFuture());
        }
        return queries;
    }

    /**
     * Waits until every tag's projection has handled every event that {@code currentEventsByTag} returns after its
     * stored offset (or after the start, when nothing was stored because nothing came): the views have caught up
     * with the journal, up to the plugin's eventual-consistency delay.
     *
     * @throws IllegalStateException when they have not caught up within the timeout
     */
    public void awaitCaughtUp(ActorSystem<?> system, Duration timeout) {
        CassandraReadJournal readJournal = readJournal(system);
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> behind = new TreeSet<>(tags);
        while (!behind.isEmpty()) {
            Map<String, CompletableFuture<List<EventEnvelope>>> queries = firstEventsAfterOffsets(system, readJournal,
                    behind);
            queries.forEach((tag, after) -> {
                if (after.join().isEmpty()) {
                    behind.remove(tag);
                }
            });
            if (behind.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The live projections of " + view + " did not catch up within "
                        + timeout + "; tags still behind: " + behind + ". Check the sinks and run again.");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the live projections", e);
            }
        }
    }

    /**
     * Waits until every tag's projection has handled every event written before {@code until}, even while new events
     * keep coming (a service that writes): a tag is caught up when the first event after its stored offset was
     * written after {@code until}, or when nothing follows its offset in a query started once the plugin's
     * eventual-consistency delay has passed since {@code until} (so every event before {@code until} was visible).
     *
     * @throws IllegalStateException when they have not caught up within the timeout
     */
    public void awaitCaughtUpTo(ActorSystem<?> system, Instant until, Duration timeout) {
        CassandraReadJournal readJournal = readJournal(system);
        Duration visibleAfter = eventualConsistencyDelay(system).plusMillis(500);
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> behind = new TreeSet<>(tags);
        while (true) {
            Instant asked = Instant.now();
            boolean everythingVisible = !asked.isBefore(until.plus(visibleAfter));
            Map<String, CompletableFuture<List<EventEnvelope>>> queries = firstEventsAfterOffsets(system, readJournal,
                    behind);
            queries.forEach((tag, after) -> {
                List<EventEnvelope> next = after.join();
                if (next.isEmpty() ? everythingVisible : writtenAfter(next.get(0), until)) {
                    behind.remove(tag);
                }
            });
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The live projections of " + view + " did not catch up with "
                        + until + " within " + timeout + "; tags still behind: " + behind
                        + ". Check the sinks and run again.");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the live projections", e);
            }
        }
    }

    private static boolean writtenAfter(EventEnvelope envelope, Instant until) {
        return envelope.offset() instanceof org.apache.pekko.persistence.query.TimeBasedUUID uuid
                ? Uuids.unixTimestamp(uuid.value()) > until.toEpochMilli()
                : envelope.timestamp() > until.toEpochMilli();
    }

    private static Duration eventualConsistencyDelay(ActorSystem<?> system) {
        String path = "pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay";
        return system.settings().config().hasPath(path) ? system.settings().config().getDuration(path)
                : Duration.ofSeconds(5);
    }

    private Handler<List<EventEnvelope>> handler() {
        return new Handler<>() {
            @Override
            public CompletionStage<Done> process(List<EventEnvelope> envelopes) {
                return CompletableFuture.supplyAsync(() -> {
                    Set<String> entities = new LinkedHashSet<>();
                    envelopes.forEach(envelope -> entities.add(envelope.persistenceId()));
                    ViewWriter.Batch batch = writer.batch();
                    for (String persistenceId : entities) {
                        batch.add(journal.events(persistenceId));
                    }
                    ViewWriter.Counts written = batch.flush();
                    written.rejections().forEach(rejection -> log.warn("live view {}: not written: {}", view,
                            rejection));
                    counts.accumulateAndGet(written, ViewWriter.Counts::plus);
                    return Done.getInstance();
                }, handlers);
            }
        };
    }

    private static CassandraReadJournal readJournal(ActorSystem<?> system) {
        return PersistenceQuery.get(system).getReadJournalFor(CassandraReadJournal.class,
                CassandraReadJournal.Identifier());
    }
}
