package io.recast.projections.views;

import io.recast.engine.view.EntityViewProjector;
import io.recast.engine.view.EntityViews;
import io.recast.engine.view.GraphSink;
import io.recast.engine.view.IndexDocument;
import io.recast.engine.view.IndexSink;
import io.recast.engine.view.RejectedDocument;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.ViewProjectionException;
import io.recast.engine.view.WriteOutcome;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.migration.WriteFence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Projects entities and writes their views into the configured sinks, in batches: the one handler of the replay and
 * the live projections. {@link #batch()} collects the entities of one offset; {@link Batch#flush()} returns only when
 * every document and graph is written, stale or rejected, so the caller may store its offset afterwards. The index
 * and the graph store are written at the same time.
 */
public final class ViewWriter implements AutoCloseable {

    private final EntityViewProjector projector;
    private final Optional<IndexSink> index;
    private final Optional<GraphSink> graphs;
    private final int batchSize;
    private final WriteFence fence;
    private final ExecutorService graphWriters = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "recast-graph-writer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param batchSize how many entities are written per request to each sink (at most)
     */
    public ViewWriter(EntityViewProjector projector, Optional<IndexSink> index, Optional<GraphSink> graphs,
                      int batchSize) {
        this(projector, index, graphs, batchSize, WriteFence.NONE);
    }

    /**
     * As {@link #ViewWriter(EntityViewProjector, Optional, Optional, int)}, checking {@code fence} before each
     * request to the sinks and at the end of each {@link Batch#flush()} (before the caller stores its offset): a
     * runner that lost its lock stops with the fence's exception and writes nothing more.
     */
    public ViewWriter(EntityViewProjector projector, Optional<IndexSink> index, Optional<GraphSink> graphs,
                      int batchSize, WriteFence fence) {
        this.fence = Objects.requireNonNull(fence, "fence");
        this.projector = Objects.requireNonNull(projector, "projector");
        this.index = Objects.requireNonNull(index, "index");
        this.graphs = Objects.requireNonNull(graphs, "graphs");
        if (index.isEmpty() && graphs.isEmpty()) {
            throw new IllegalArgumentException("A view writer needs an index, a graph store or both");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** A new batch that replaces every graph it writes (live); not thread-safe, one per handler call. */
    public Batch batch() {
        return new Batch(false);
    }

    /**
     * A new batch of a replay into a target the rebuild created: graphs go through {@link GraphSink#writeNew}.
     * Not thread-safe, one per range.
     */
    public Batch replayBatch() {
        return new Batch(true);
    }

    @Override
    public void close() {
        graphWriters.shutdown();
    }

    /** What a batch (or several, summed) did. */
    public record Counts(long entities, long events, long documentsWritten, long documentsStale, long graphsWritten,
                         List<ViewRejection> rejections) {

        public Counts {
            rejections = List.copyOf(rejections);
        }

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, List.of());

        public Counts plus(Counts other) {
            List<ViewRejection> all = new ArrayList<>(rejections);
            all.addAll(other.rejections);
            return new Counts(entities + other.entities, events + other.events,
                    documentsWritten + other.documentsWritten, documentsStale + other.documentsStale,
                    graphsWritten + other.graphsWritten, all);
        }
    }

    /** The entities of one offset (a token range, a group of tagged events). */
    public final class Batch {

        private final List<IndexDocument> documents = new ArrayList<>();
        private final List<ResourceGraph> pendingGraphs = new ArrayList<>();
        private final Map<String, long[]> lastEventOf = new HashMap<>();
        private final Map<String, String> persistenceIdOf = new HashMap<>();
        private final List<ViewRejection> rejections = new ArrayList<>();
        private long entities;
        private long events;
        private long documentsWritten;
        private long documentsStale;
        private long graphsWritten;
        private final boolean replay;

        private Batch(boolean replay) {
            this.replay = replay;
        }

        /**
         * Projects one entity from all its events (in sequence order) and queues its views; writes the queue when it
         * is full. An entity the projector refuses is recorded as rejected.
         */
        public void add(List<StoredEvent> entityEvents) {
            if (entityEvents.isEmpty()) {
                return;
            }
            StoredEvent last = entityEvents.get(entityEvents.size() - 1);
            entities++;
            events += entityEvents.size();
            EntityViews views;
            try {
                views = projector.project(entityEvents);
            } catch (ViewProjectionException e) {
                rejections.add(new ViewRejection(e.persistenceId(), e.sequenceNr(), "projector", e.getMessage()));
                return;
            } catch (RuntimeException e) {
                rejections.add(new ViewRejection(last.persistenceId(), last.sequenceNr(), "projector",
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
                return;
            }
            if (index.isPresent()) {
                views.document().ifPresent(document -> {
                    documents.add(document);
                    persistenceIdOf.put("index:" + document.id(), last.persistenceId());
                });
            }
            if (graphs.isPresent()) {
                views.graph().ifPresent(graph -> {
                    pendingGraphs.add(graph);
                    persistenceIdOf.put("graph:" + graph.graph(), last.persistenceId());
                });
            }
            lastEventOf.put(last.persistenceId(), new long[] {last.sequenceNr()});
            if (documents.size() >= batchSize || pendingGraphs.size() >= batchSize) {
                write();
            }
        }

        /**
         * Writes what is queued and returns this batch's counts; every effect is stored when it returns, and the
         * fence was checked after the last of them (the caller stores its offset next).
         */
        public Counts flush() {
            write();
            fence.check();
            return new Counts(entities, events, documentsWritten, documentsStale, graphsWritten, rejections);
        }

        private void write() {
            if (documents.isEmpty() && pendingGraphs.isEmpty()) {
                return;
            }
            fence.check();
            List<IndexDocument> docs = List.copyOf(documents);
            List<ResourceGraph> grs = List.copyOf(pendingGraphs);
            documents.clear();
            pendingGraphs.clear();
            CompletableFuture<WriteOutcome> graphWrite = grs.isEmpty()
                    ? CompletableFuture.completedFuture(WriteOutcome.NOTHING)
                    : CompletableFuture.supplyAsync(
                            () -> replay ? graphs.get().writeNew(grs) : graphs.get().write(grs), graphWriters);
            WriteOutcome indexed = docs.isEmpty() ? WriteOutcome.NOTHING : index.get().write(docs);
            WriteOutcome graphed;
            try {
                graphed = graphWrite.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
            documentsWritten += indexed.written();
            documentsStale += indexed.stale();
            graphsWritten += graphed.written();
            record("index", indexed.rejected());
            record("graph", graphed.rejected());
            lastEventOf.clear();
            persistenceIdOf.clear();
        }

        private void record(String where, List<RejectedDocument> rejected) {
            for (RejectedDocument document : rejected) {
                String persistenceId = persistenceIdOf.getOrDefault(where + ":" + document.id(), document.id());
                long[] last = lastEventOf.get(persistenceId);
                rejections.add(new ViewRejection(persistenceId, last == null ? 0 : last[0], where,
                        document.reason()));
            }
        }
    }
}
