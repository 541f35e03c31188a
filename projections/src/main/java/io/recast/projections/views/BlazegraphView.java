package io.recast.projections.views;

import io.recast.adapters.rdf.BlazegraphNamespaces;
import io.recast.adapters.rdf.SparqlGraphSink;
import io.recast.engine.view.GraphSink;
import io.recast.engine.view.RetryPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * An RDF read model in Blazegraph: version {@code N} is the namespace {@code <prefix>_v<N>}, created and dropped
 * through Blazegraph's REST API. Blazegraph has no alias, so activating a namespace only records it as active
 * (the service reads the active namespace from Recast's records).
 */
public final class BlazegraphView implements VersionedView {

    private final BlazegraphNamespaces namespaces;
    private final String prefix;
    private final RetryPolicy retry;

    public BlazegraphView(BlazegraphNamespaces namespaces, String prefix, RetryPolicy retry) {
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
        if (!prefix.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("A Blazegraph namespace prefix is a letter then letters, digits or _,"
                    + " got '" + prefix + "'");
        }
        this.prefix = prefix;
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** Throws, naming the server and what to do, when Blazegraph does not answer. */
    public void ping() {
        namespaces.exists(prefix + "_v1");
    }

    @Override
    public String view() {
        return "rdf:" + prefix;
    }

    @Override
    public String targetOf(int version) {
        return prefix + "_v" + version;
    }

    @Override
    public void create(String target) {
        namespaces.create(target);
    }

    @Override
    public void activate(String target) {
        if (!namespaces.exists(target)) {
            throw new IllegalStateException("The namespace " + target + " to activate does not exist in Blazegraph");
        }
    }

    @Override
    public void drop(String target) {
        namespaces.drop(target);
    }

    @Override
    public Optional<GraphSink> graphSink(String target) {
        return Optional.of(new SparqlGraphSink(namespaces.sparqlEndpoint(target), retry));
    }

    @Override
    public Contents contents(String target) {
        try (io.recast.adapters.rdf.SparqlGraphReader reader = new io.recast.adapters.rdf.SparqlGraphReader(
                namespaces.sparqlEndpoint(target))) {
            java.util.Map<String, Long> graphs = new java.util.TreeMap<>();
            reader.graphs().forEach(graph -> graphs.put(graph, 0L));
            return new Contents(graphs, reader.statementCount());
        }
    }

    @Override
    public boolean exists(String target) {
        return namespaces.exists(target);
    }
}
