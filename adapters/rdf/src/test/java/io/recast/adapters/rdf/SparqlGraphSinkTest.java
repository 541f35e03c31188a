package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.adapters.rdf.StubSparqlEndpoint.StatusRule;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.RetryPolicy;
import io.recast.engine.view.SinkUnavailableException;
import io.recast.engine.view.WriteOutcome;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sink's requests, retries and refusals, against a stub endpoint. */
class SparqlGraphSinkTest {

    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofSeconds(30));

    private static SparqlGraphSink sink(URI endpoint, RetryPolicy retry, int statementsPerRequest) {
        return new SparqlGraphSink(endpoint, retry, statementsPerRequest, Duration.ofSeconds(10));
    }

    @Test
    void packsGraphsIntoRequestsUpToTheStatementBoundWithoutSplittingAGraph() {
        try (StubSparqlEndpoint endpoint = new StubSparqlEndpoint(StatusRule.always(200))) {
            // 13 statements per person
            WriteOutcome outcome = sink(endpoint.uri(), FAST, 30).write(SampleGraphs.people(5, 1));

            assertEquals(5, outcome.written());
            assertEquals(3, endpoint.updates().size(), "2 + 2 + 1 graphs");
            assertEquals(2, count(endpoint.updates().get(0), "DROP SILENT GRAPH"));
            assertEquals(1, count(endpoint.updates().get(2), "DROP SILENT GRAPH"));

            sink(endpoint.uri(), FAST, 5).write(SampleGraphs.people(2, 1));
            assertEquals(5, endpoint.updates().size(), "a graph larger than the bound goes alone");
        }
    }

    @Test
    void retriesServerErrorsAndTooManyRequestsThenWrites() {
        List<Integer> answers = List.of(503, 429, 500, 200);
        try (StubSparqlEndpoint endpoint = new StubSparqlEndpoint((update, before) -> answers.get(before))) {
            WriteOutcome outcome = sink(endpoint.uri(), FAST, 1000).write(SampleGraphs.people(3, 0));

            assertEquals(3, outcome.written());
            assertEquals(4, endpoint.updates().size());
            assertEquals(1, endpoint.updates().stream().distinct().count(), "the same update is sent again");
        }
    }

    @Test
    void findsTheGraphTheStoreRefusesAndWritesTheOthers() {
        List<ResourceGraph> people = SampleGraphs.people(4, 0);
        String poisoned = "\"Person \\\"2\\\"";
        try (StubSparqlEndpoint endpoint = new StubSparqlEndpoint(
                StatusRule.of(update -> update.contains(poisoned) ? 400 : 200))) {
            WriteOutcome outcome = sink(endpoint.uri(), FAST, 1000).write(people);

            assertEquals(3, outcome.written());
            assertEquals(1, outcome.rejected().size());
            assertEquals(SampleGraphs.iri(2), outcome.rejected().get(0).id());
            assertEquals("the SPARQL endpoint refused the graph (HTTP 400): poisoned literal",
                    outcome.rejected().get(0).reason());
            assertEquals(1 + 4, endpoint.updates().size(), "the batch, then each graph alone");
        }
    }

    @Test
    void givesUpAfterTheRetryPolicyWithTheEndpointAndWhatToDo() {
        RetryPolicy brief = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1));
        try (StubSparqlEndpoint endpoint = new StubSparqlEndpoint(StatusRule.always(503))) {
            SinkUnavailableException e = assertThrows(SinkUnavailableException.class,
                    () -> sink(endpoint.uri(), brief, 1000).write(SampleGraphs.people(1, 0)));

            assertTrue(e.getMessage().startsWith("SPARQL endpoint " + endpoint.uri() + " stayed unavailable for "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("last: HTTP 503"), e.getMessage());
            assertTrue(e.getMessage().contains("run the projection again"), e.getMessage());
            assertTrue(endpoint.updates().size() >= 3, "retried: " + endpoint.updates().size());
        }
    }

    @Test
    void givesUpOnARefusedConnectionNamingTheEndpoint() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/sparql");
        }
        RetryPolicy brief = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500));

        URI endpoint = closed;
        SinkUnavailableException e = assertThrows(SinkUnavailableException.class,
                () -> sink(endpoint, brief, 1000).write(SampleGraphs.people(1, 0)));

        assertTrue(e.getMessage().contains(endpoint.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    }

    @Test
    void failsAtOnceWithAHintWhenTheEndpointDoesNotExist() {
        try (StubSparqlEndpoint endpoint = new StubSparqlEndpoint(StatusRule.always(404))) {
            RdfStoreException e = assertThrows(RdfStoreException.class,
                    () -> sink(endpoint.uri(), FAST, 1000).write(SampleGraphs.people(1, 0)));

            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
            assertTrue(e.getMessage().contains("create it"), e.getMessage());
            assertEquals(1, endpoint.updates().size());
        }
    }

    @Test
    void sendsNothingWhenEveryGraphIsRejected() {
        try (StubSparqlEndpoint endpoint = new StubSparqlEndpoint(StatusRule.always(200))) {
            WriteOutcome outcome = sink(endpoint.uri(), FAST, 1000)
                    .write(List.of(SampleGraphs.malformed(1), SampleGraphs.withRemoteContext(2)));

            assertEquals(0, outcome.written());
            assertEquals(2, outcome.rejected().size());
            assertEquals(0, endpoint.updates().size());
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
