package io.recast.adapters.rdf;

import io.recast.engine.view.GraphSink;
import io.recast.engine.view.RejectedDocument;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.RetryPolicy;
import io.recast.engine.view.SinkUnavailableException;
import io.recast.engine.view.WriteOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.rdf4j.model.Statement;

/**
 * A {@link GraphSink} on a SPARQL 1.1 update endpoint, e.g. a Blazegraph namespace
 * ({@link BlazegraphNamespaces#sparqlEndpoint(String)}).
 *
 * <p>Each graph is replaced as a whole with {@code DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }}; the
 * graphs of a batch go in as few requests as {@code statementsPerRequest} allows (a graph is never split, so a larger
 * one goes alone). Requests are idempotent, so transient failures are retried under the {@link RetryPolicy}. A graph
 * whose JSON-LD does not convert, or that the store refuses (HTTP 400, found by sending the graphs of a refused
 * request one by one), is rejected and the others are written. {@link WriteOutcome#stale()} is always 0: a graph is
 * replaced whatever its version.
 */
public final class SparqlGraphSink implements GraphSink {

    /** The default bound on statements per update request. */
    public static final int DEFAULT_STATEMENTS_PER_REQUEST = 10_000;
    /** The default time one request may take before it counts as a transient failure. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final SparqlUpdateEndpoint endpoint;
    private final JsonLdGraphs jsonLd = new JsonLdGraphs();
    private final int statementsPerRequest;

    /**
     * @param endpoint             the SPARQL 1.1 update endpoint
     * @param retry                how long transient failures are retried
     * @param statementsPerRequest the most statements one request carries (unless one graph alone has more)
     * @param requestTimeout       how long one request may take
     */
    public SparqlGraphSink(URI endpoint, RetryPolicy retry, int statementsPerRequest, Duration requestTimeout) {
        if (statementsPerRequest < 1) {
            throw new IllegalArgumentException("statementsPerRequest must be >= 1, was " + statementsPerRequest);
        }
        this.endpoint = new SparqlUpdateEndpoint(endpoint, retry, requestTimeout);
        this.statementsPerRequest = statementsPerRequest;
    }

    /** A sink with {@value #DEFAULT_STATEMENTS_PER_REQUEST} statements per request and a 2 minute request timeout. */
    public SparqlGraphSink(URI endpoint, RetryPolicy retry) {
        this(endpoint, retry, DEFAULT_STATEMENTS_PER_REQUEST, DEFAULT_REQUEST_TIMEOUT);
    }

    /** The endpoint written to. */
    public URI endpoint() {
        return endpoint.uri();
    }

    /**
     * Replaces every graph of the batch.
     *
     * @throws SinkUnavailableException when the endpoint stayed unreachable past the retry policy
     * @throws RdfStoreException        when the endpoint refuses for a reason no retry fixes (e.g. no such namespace)
     */
    @Override
    public WriteOutcome write(List<ResourceGraph> graphs) {
        return write(graphs, true);
    }

    /**
     * Writes graphs that the namespace does not hold yet (a replay into a namespace it created): graphs without
     * blank nodes go into one {@code INSERT DATA} per request with nothing dropped first; graphs with blank nodes are
     * replaced as in {@link #write}, so that writing them again never adds a second copy of their blank nodes.
     */
    @Override
    public WriteOutcome writeNew(List<ResourceGraph> graphs) {
        return write(graphs, false);
    }

    private WriteOutcome write(List<ResourceGraph> graphs, boolean replace) {
        List<RejectedDocument> rejected = new ArrayList<>();
        List<ConvertedGraph> request = new ArrayList<>();
        int requestStatements = 0;
        int written = 0;
        for (ResourceGraph graph : graphs) {
            ConvertedGraph converted = jsonLd.toRdf(graph);
            if (converted.isRejected()) {
                rejected.add(converted.rejection().orElseThrow());
                continue;
            }
            int size = converted.statements().size();
            if (!request.isEmpty() && requestStatements + size > statementsPerRequest) {
                written += send(request, rejected, replace);
                request.clear();
                requestStatements = 0;
            }
            request.add(converted);
            requestStatements += size;
        }
        if (!request.isEmpty()) {
            written += send(request, rejected, replace);
        }
        return new WriteOutcome(written, 0, rejected);
    }

    /** Sends one request; returns how many graphs it stored and adds the refused ones to {@code rejected}. */
    private int send(List<ConvertedGraph> graphs, List<RejectedDocument> rejected, boolean replace) {
        SparqlUpdates update = new SparqlUpdates();
        List<ConvertedGraph> included = new ArrayList<>();
        List<ConvertedGraph> inserted = new ArrayList<>();
        for (ConvertedGraph graph : graphs) {
            if (!replace && !hasBlankNodes(graph)) {
                inserted.add(graph);
                continue;
            }
            try {
                update.replaceGraph(graph.graph(), graph.statements());
                included.add(graph);
            } catch (IllegalArgumentException e) {
                rejected.add(new RejectedDocument(graph.graph(), e.getMessage()));
            }
        }
        if (!inserted.isEmpty()) {
            Map<String, String> refused = update.insertGraphs(inserted);
            refused.forEach((graph, reason) -> rejected.add(new RejectedDocument(graph, reason)));
            inserted.stream().filter(graph -> !refused.containsKey(graph.graph())).forEach(included::add);
        }
        if (included.isEmpty()) {
            return 0;
        }
        UpdateResult result = endpoint.execute(update.toString());
        if (result.accepted()) {
            return included.size();
        }
        if (included.size() == 1) {
            rejected.add(new RejectedDocument(included.get(0).graph(), "the SPARQL endpoint refused the graph (HTTP "
                    + result.status() + "): " + result.message()));
            return 0;
        }
        int stored = 0;
        for (ConvertedGraph graph : included) {
            stored += send(List.of(graph), rejected, replace);
        }
        return stored;
    }

    private static boolean hasBlankNodes(ConvertedGraph graph) {
        for (Statement statement : graph.statements()) {
            if (statement.getSubject().isBNode() || statement.getObject().isBNode()) {
                return true;
            }
        }
        return false;
    }
}
