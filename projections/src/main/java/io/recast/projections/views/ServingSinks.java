package io.recast.projections.views;

import io.recast.engine.view.GraphSink;
import io.recast.engine.view.IndexSink;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.WriteOutcome;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Sinks that write into whichever version of a read model serves at the time of each write, looked up again for
 * every batch: the service's live projection keeps writing where the queries read after a rebuild in another
 * process switched versions. (An Elasticsearch view needs none of this: it writes through its alias.)
 */
final class ServingSinks {

    private ServingSinks() {
    }

    /** A graph sink into the target that {@code serving} names at each write. */
    static GraphSink graphs(VersionedView view, Supplier<String> serving) {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(serving, "serving");
        Map<String, GraphSink> sinks = new ConcurrentHashMap<>();
        return new GraphSink() {
            @Override
            public WriteOutcome write(List<ResourceGraph> graphs) {
                return sinkOf(serving.get()).write(graphs);
            }

            private GraphSink sinkOf(String target) {
                return sinks.computeIfAbsent(target, t -> view.graphSink(t).orElseThrow(() ->
                        new IllegalStateException(view.view() + " is not a graph store")));
            }
        };
    }

    /** An index sink into the target that {@code serving} names at each write. */
    static IndexSink index(VersionedView view, Supplier<String> serving) {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(serving, "serving");
        Map<String, IndexSink> sinks = new ConcurrentHashMap<>();
        return documents -> sinks.computeIfAbsent(serving.get(), t -> view.indexSink(t).orElseThrow(() ->
                new IllegalStateException(view.view() + " is not an index"))).write(documents);
    }
}
