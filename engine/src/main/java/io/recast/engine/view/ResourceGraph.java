package io.recast.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One named graph: every triple that describes one entity, given as JSON-LD documents (inline contexts only; a sink
 * never fetches a remote context). The sink replaces the graph as a whole, so writing it twice gives one graph.
 *
 * @param graph     the graph's IRI (the entity's id)
 * @param version   the entity's revision, for reports and ordering within a batch
 * @param documents JSON-LD documents whose expansion is the graph, e.g. the entity's source and its metadata
 */
public record ResourceGraph(String graph, long version, List<JsonNode> documents) {

    public ResourceGraph {
        Objects.requireNonNull(graph, "graph");
        documents = List.copyOf(documents);
    }
}
