package io.recast.projections.views;

import io.recast.engine.view.GraphSink;
import io.recast.engine.view.IndexSink;
import java.util.Optional;

/**
 * One read model whose rebuilds go into new versions (an Elasticsearch index behind an alias, a Blazegraph
 * namespace), so the old version serves until the new one has caught up.
 */
public interface VersionedView extends AutoCloseable {

    /** The read model's name in Recast's records, e.g. {@code elasticsearch:kg_resources}. */
    String view();

    /** Where a version is stored, e.g. the index {@code kg_resources_v3}. */
    String targetOf(int version);

    /** Creates the target of a version; an existing one is left as it is (a resumed rebuild). */
    void create(String target);

    /** Drops a target even when it serves: for starting over (a demo, a test), never for cleanup. */
    default void discard(String target) {
        drop(target);
    }

    /** Whether a target exists (e.g. left by a rebuild whose records were lost). */
    boolean exists(String target);

    /** Makes the target the one that serves (an alias switch), after its rebuild caught up. */
    void activate(String target);

    /** Drops a retired target. */
    void drop(String target);

    /** The sink that writes documents into the target, if this read model is an index. */
    default Optional<IndexSink> indexSink(String target) {
        return Optional.empty();
    }

    /** The sink that writes graphs into the target, if this read model is an RDF store. */
    default Optional<GraphSink> graphSink(String target) {
        return Optional.empty();
    }

    /**
     * The sink that the service's live projection writes documents through: into whichever version serves at the
     * time of each write ({@code serving} names it), so that writes after a switch made by another process land in
     * the new version. Empty if this read model is not an index.
     */
    default Optional<IndexSink> servingIndexSink(java.util.function.Supplier<String> serving) {
        return indexSink(serving.get()).isPresent() ? Optional.of(ServingSinks.index(this, serving))
                : Optional.empty();
    }

    /** As {@link #servingIndexSink}, for graphs; empty if this read model is not an RDF store. */
    default Optional<GraphSink> servingGraphSink(java.util.function.Supplier<String> serving) {
        return graphSink(serving.get()).isPresent() ? Optional.of(ServingSinks.graphs(this, serving))
                : Optional.empty();
    }

    /**
     * What a target holds, to verify it against the journal: each document id (or graph name) with its version
     * (or 0 where the store keeps none), and the total number of statements of a graph store (0 for an index).
     */
    Contents contents(String target);

    /** What a target holds. */
    record Contents(java.util.Map<String, Long> versions, long statements) {
    }

    /** Releases what the view holds open (e.g. an embedded store); the targets stay. */
    @Override
    default void close() {
    }
}
