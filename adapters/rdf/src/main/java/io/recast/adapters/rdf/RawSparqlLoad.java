package io.recast.adapters.rdf;

import io.recast.engine.view.RetryPolicy;
import java.net.URI;
import java.util.Iterator;
import java.util.function.Consumer;
import org.eclipse.rdf4j.model.Statement;

/**
 * The baseline for benchmarks of {@link SparqlGraphSink}: loads statements with plain {@code INSERT DATA} requests of
 * {@code statementsPerRequest} statements each, in their own named graphs, with no {@code DROP} and no JSON-LD, and
 * times it. Loading the same statements twice adds them again only where the store keeps duplicates (RDF stores do
 * not), so it is a rate measurement, not a sink. The requests can be rendered beforehand ({@link #requests(Consumer)},
 * e.g. into a file) and sent later ({@link #send(Iterator)}), so that only the sending is timed and the statements
 * need not all be in memory.
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
        long[] sent = new long[2];
        InsertDataRequests requests = requests(request -> {
            send(request);
            sent[0] += request.statements();
            sent[1]++;
        });
        statements.forEach(requests::add);
        requests.finish();
        return new RawLoadResult(sent[0], (int) sent[1], System.nanoTime() - started);
    }

    /** Prepares the requests this load sends, {@code statementsPerRequest} statements each, to {@code consumer}. */
    public InsertDataRequests requests(Consumer<InsertDataRequests.Request> consumer) {
        return new InsertDataRequests(statementsPerRequest, consumer);
    }

    /**
     * Sends prepared requests, one after the other, and returns how many statements they carried and how long it
     * took, timed from the first request taken.
     *
     * @throws RdfStoreException when the endpoint refuses a request (the message says why)
     */
    public RawLoadResult send(Iterator<InsertDataRequests.Request> requests) {
        long started = System.nanoTime();
        long statements = 0;
        int sent = 0;
        while (requests.hasNext()) {
            InsertDataRequests.Request request = requests.next();
            send(request);
            statements += request.statements();
            sent++;
        }
        return new RawLoadResult(statements, sent, System.nanoTime() - started);
    }

    private void send(InsertDataRequests.Request request) {
        UpdateResult result = endpoint.execute(request.body());
        if (!result.accepted()) {
            throw new RdfStoreException("SPARQL endpoint " + endpoint.uri() + " refused an INSERT DATA request (HTTP "
                    + result.status() + "): " + result.message());
        }
    }
}
