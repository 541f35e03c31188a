package io.recast.adapters.rdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.rdf4j.model.Statement;

/**
 * Turns statements, as they come, into {@code INSERT DATA} requests of {@code statementsPerRequest} statements each
 * (each statement in its named graph, or the default graph when it has none), as {@link RawSparqlLoad} sends them;
 * each full request goes to a consumer, so a stream of statements of any length is prepared with one request in
 * memory.
 */
public final class InsertDataRequests {

    /** One rendered update request and the statements it carries. */
    public record Request(int statements, String body) {

        public Request {
            Objects.requireNonNull(body, "body");
        }
    }

    private final int statementsPerRequest;
    private final Consumer<Request> consumer;
    private final List<Statement> chunk = new ArrayList<>();

    InsertDataRequests(int statementsPerRequest, Consumer<Request> consumer) {
        if (statementsPerRequest < 1) {
            throw new IllegalArgumentException("statementsPerRequest must be >= 1, was " + statementsPerRequest);
        }
        this.statementsPerRequest = statementsPerRequest;
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** Adds a statement; hands the request over when it is full. */
    public void add(Statement statement) {
        chunk.add(statement);
        if (chunk.size() == statementsPerRequest) {
            handOver();
        }
    }

    /** Hands the last request over, if it holds any statement. */
    public void finish() {
        if (!chunk.isEmpty()) {
            handOver();
        }
    }

    private void handOver() {
        Request request = new Request(chunk.size(), new SparqlUpdates().insertData(null, chunk).toString());
        chunk.clear();
        consumer.accept(request);
    }
}
