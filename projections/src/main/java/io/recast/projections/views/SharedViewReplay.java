package io.recast.projections.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.SharedRangeRuns;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.view.EntityViewProjector;
import io.recast.engine.view.GraphSink;
import io.recast.engine.view.IndexSink;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import io.recast.projections.TokenRangeSlices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A view replay shared with the other nodes of a Pekko cluster: what a joining node needs to do its share (the
 * read models' names and the targets to write into, the batch size), as the text of a
 * {@linkplain SharedRangeRuns.Run shared run} of kind {@value #KIND}, and each range's result as its ledger keeps it.
 */
public final class SharedViewReplay {

    /** The kind of a shared view replay in {@link SharedRangeRuns}. */
    public static final String KIND = "views";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the nodes of a cluster share view replays: where runs are announced, how many members to wait for. */
    public record Cluster(SharedRangeRuns runs, int minNodes) {

        public Cluster {
            Objects.requireNonNull(runs, "runs");
        }
    }

    /**
     * What a joining node writes into.
     *
     * @param targets        per read model's name (e.g. {@code elasticsearch:kg_resources}), the index or namespace
     * @param batchSize      the writer's batch size
     * @param maxRatePerNode the events per second each node may read (a job's {@code --max-rate} shared out), if any
     */
    public record Work(Map<String, String> targets, int batchSize, java.util.OptionalDouble maxRatePerNode) {

        public Work {
            targets = Map.copyOf(targets);
            Objects.requireNonNull(maxRatePerNode, "maxRatePerNode");
        }

        public Work(Map<String, String> targets, int batchSize) {
            this(targets, batchSize, java.util.OptionalDouble.empty());
        }

        public String toText() {
            ObjectNode node = JSON.createObjectNode();
            ObjectNode targetsNode = node.putObject("targets");
            targets.forEach(targetsNode::put);
            node.put("batchSize", batchSize);
            maxRatePerNode.ifPresent(rate -> node.put("maxRatePerNode", rate));
            return node.toString();
        }

        public static Work fromText(String text) {
            JsonNode node = read(text);
            Map<String, String> targets = new LinkedHashMap<>();
            node.path("targets").fields().forEachRemaining(entry -> targets.put(entry.getKey(),
                    entry.getValue().asText()));
            return new Work(targets, node.path("batchSize").asInt(2000), node.has("maxRatePerNode")
                    ? java.util.OptionalDouble.of(node.path("maxRatePerNode").asDouble())
                    : java.util.OptionalDouble.empty());
        }
    }

    private SharedViewReplay() {
    }

    /**
     * Joins a view replay that another node shares: writes into the run's targets with this node's read models
     * (each one the run writes must be configured here), reading the journal by the same token ranges. The work stays
     * hosted on this node until the returned handle is closed.
     *
     * @param onFailure told of each range that fails here (the slice retries it from its offset)
     */
    public static AutoCloseable join(ActorSystem<?> system, SharedRangeRuns.Run run, Cluster cluster,
                                     List<VersionedView> views, EntityViewProjector projector,
                                     TokenRangeScanner scanner, ManifestCodec manifests, ProjectionOffsets offsets,
                                     Consumer<RuntimeException> onFailure) {
        if (!run.kind().equals(KIND)) {
            throw new IllegalArgumentException("Run " + run.name() + " is a " + run.kind() + " run, not " + KIND);
        }
        Work work = Work.fromText(run.work());
        int ranges = scanner.ranges().size();
        if (ranges != run.rangeCount()) {
            throw new IllegalStateException("Run " + run.name() + " reads the journal by " + run.rangeCount()
                    + " token ranges, this node by " + ranges + "; give every node the same configuration");
        }
        Optional<IndexSink> index = Optional.empty();
        Optional<GraphSink> graph = Optional.empty();
        for (Map.Entry<String, String> target : work.targets().entrySet()) {
            VersionedView view = views.stream().filter(v -> v.view().equals(target.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Run " + run.name() + " writes the read model "
                            + target.getKey() + ", which this node does not configure (recast.views.enabled and its"
                            + " names must be the same on every node)"));
            index = index.or(() -> view.indexSink(target.getValue()));
            graph = graph.or(() -> view.graphSink(target.getValue()));
        }
        ViewWriter writer = new ViewWriter(projector, index, graph, work.batchSize());
        RebuildControl control = RebuildControl.NONE;
        if (work.maxRatePerNode().isPresent()) {
            io.recast.engine.jobs.RateLimit limit = io.recast.engine.jobs.RateLimit.perSecond(
                    work.maxRatePerNode().getAsDouble());
            control = new RebuildControl() {
                @Override
                public void admit() {
                    limit.acquire();
                }

                @Override
                public void enter(Step step) {
                }
            };
        }
        ViewReplay replay = new ViewReplay(scanner, manifests, writer, control);
        TokenRangeSlices<ViewReplay.RangeResult> slices = new TokenRangeSlices<ViewReplay.RangeResult>(run.name(),
                run.rangeCount(), run.slices(), offsets).sharedAs(sharing(cluster, work));
        AutoCloseable joined = slices.join(system, replay::replayRange, onFailure);
        return () -> {
            joined.close();
            writer.close();
        };
    }

    /** The sharing of a view replay with this work. */
    public static TokenRangeSlices.Sharing<ViewReplay.RangeResult> sharing(Cluster cluster, Work work) {
        return new TokenRangeSlices.Sharing<>(cluster.runs(), KIND, work.toText(), CODEC, cluster.minNodes());
    }

    /** A range's result as text, and back. */
    public static final TokenRangeSlices.ResultCodec<ViewReplay.RangeResult> CODEC = new TokenRangeSlices.ResultCodec<>() {
        @Override
        public String encode(ViewReplay.RangeResult result) {
            ObjectNode node = JSON.createObjectNode();
            node.put("range", result.rangeIndex());
            node.put("rows", result.rows());
            node.put("millis", result.duration().toMillis());
            ViewWriter.Counts counts = result.counts();
            node.put("entities", counts.entities());
            node.put("events", counts.events());
            node.put("documentsWritten", counts.documentsWritten());
            node.put("documentsStale", counts.documentsStale());
            node.put("graphsWritten", counts.graphsWritten());
            ArrayNode rejections = node.putArray("rejections");
            for (ViewRejection rejection : counts.rejections()) {
                rejections.addObject().put("persistenceId", rejection.persistenceId())
                        .put("sequenceNr", rejection.sequenceNr()).put("where", rejection.where())
                        .put("reason", rejection.reason());
            }
            return node.toString();
        }

        @Override
        public ViewReplay.RangeResult decode(String text) {
            JsonNode node = read(text);
            List<ViewRejection> rejections = new ArrayList<>();
            node.path("rejections").forEach(r -> rejections.add(new ViewRejection(r.path("persistenceId").asText(),
                    r.path("sequenceNr").asLong(), r.path("where").asText(), r.path("reason").asText())));
            return new ViewReplay.RangeResult(node.path("range").asInt(), node.path("rows").asLong(),
                    new ViewWriter.Counts(node.path("entities").asLong(), node.path("events").asLong(),
                            node.path("documentsWritten").asLong(), node.path("documentsStale").asLong(),
                            node.path("graphsWritten").asLong(), rejections),
                    Duration.ofMillis(node.path("millis").asLong()));
        }
    };

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable shared view replay text: " + text, e);
        }
    }
}
