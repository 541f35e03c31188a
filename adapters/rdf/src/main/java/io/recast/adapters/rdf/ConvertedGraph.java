package io.recast.adapters.rdf;

import io.recast.engine.view.RejectedDocument;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;

/**
 * The RDF of one {@link io.recast.engine.view.ResourceGraph}: its statements, all in the named graph {@link #graph()},
 * or the reason it was refused.
 *
 * @param graph      the named graph's IRI
 * @param version    the entity's revision, as given
 * @param statements the graph's statements (empty when rejected)
 * @param rejection  why the graph was refused, if it was
 */
public record ConvertedGraph(String graph, long version, Model statements, Optional<RejectedDocument> rejection) {

    /** Checks that no component is null. */
    public ConvertedGraph {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(statements, "statements");
        Objects.requireNonNull(rejection, "rejection");
    }

    /** A graph that converted: its statements. */
    public static ConvertedGraph converted(String graph, long version, Model statements) {
        return new ConvertedGraph(graph, version, statements, Optional.empty());
    }

    /** A graph refused for good, with the reason (it says how to fix the source). */
    public static ConvertedGraph rejected(String graph, long version, String reason) {
        return new ConvertedGraph(graph, version, new LinkedHashModel(),
                Optional.of(new RejectedDocument(graph, reason)));
    }

    /** Whether the graph was refused. */
    public boolean isRejected() {
        return rejection.isPresent();
    }
}
