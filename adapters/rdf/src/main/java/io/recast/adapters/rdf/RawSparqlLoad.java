package io.recast.adapters.rdf;

import io.recast.engine.view.RetryPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.rdf4j.model.Statement;

/**
 * The baseline for benchmarks of {@link SparqlGraphSink}: loads statements with plain {@code INSERT DATA} requests of
 * {@code statementsPerRequest} statements each, in their own named graphs, with no {@code DROP} and no JSON-LD, and
 * times it. Loading the same statements twice adds them again only where the store keeps duplicates (RDF stores do
 * not), so it is a rate measurement, not a sink.
 */
public final class RawSparqlLoad {

    private final SparqlUpdateEndpoint endpoint;
    private final int statementsPerRequest;

    /**
     * @param endpoint             the SPARQL 1.1 update endpoint
     * @param retry                how long transient failures are retried
     * @param statementsPerRequest the statements one request carries
     */
    public RawSparqlLoad(URI endpoint, RetryPolicy retry, int statementsPerRequest) {
        if (statementsPerRequest < 1) {
            throw new IllegalArgumentException("statementsPerRequest must be >= 1, was " + statementsPerRequest);
        }
        this.endpoint = new SparqlUpdateEndpoint(endpoint, retry, SparqlGraphSink.DEFAULT_REQUEST_TIMEOUT);
        this.statementsPerRequest = statementsPerRequest;
    }

    /** A load of {@value SparqlGraphSink#DEFAULT_STATEMENTS_PER_REQUEST} statements per request. */
    public RawSparqlLoad(URI endpoint, RetryPolicy retry) {
        this(endpoint, retry, SparqlGraphSink.DEFAULT_STATEMENTS_PER_REQUEST);
    }

    /**
     * Sends the statements, each in its named graph (or the default graph when it has none), and returns how many
     * and how long it took.
     *
     * @throws RdfStoreException when the endpoint refuses a request (the message says why)
     */
    public RawLoadResult load(Iterable<? extends Statement> statements) {
        long started = System.nanoTime();
        List<Statement> chunk = new ArrayList<>(statementsPerRequest);
        long sent = 0;
        int requests = 0;
        for (Statement statement : statements) {
            chunk.add(statement);
            if (chunk.size() == statementsPerRequest) {
                send(chunk);
                sent += chunk.size();
                requests++;
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            send(chunk);
            sent += chunk.size();
            requests++;
        }
        return new RawLoadResult(sent, requests, System.nanoTime() - started);
    }

    private void send(List<Statement> chunk) {
        UpdateResult result = endpoint.execute(new SparqlUpdates().insertData(null, chunk).toString());
        if (!result.accepted()) {
            throw new RdfStoreException("SPARQL endpoint " + endpoint.uri() + " refused an INSERT DATA request (HTTP "
                    + result.status() + "): " + result.message());
        }
    }
}
