package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.RetryPolicy;
import io.recast.engine.view.SinkUnavailableException;
import io.recast.engine.view.WriteOutcome;
import io.recast.servers.LocalBlazegraph;
import io.recast.servers.junit.RealServers;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SPARQL sink while Blazegraph is down. The tests stop the run's shared Blazegraph and always start it again
 * (same folder, same port) before they end, so later tests find it as it was.
 */
@RealServers
class SparqlGraphSinkOutageIT {

    /** Long enough to outlast a restart on a busy machine; the tests never wait for it to pass. */
    private static final RetryPolicy PATIENT = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofMinutes(5));

    private LocalBlazegraph blazegraph;
    private BlazegraphNamespaces namespaces;
    private String namespace;
    private URI endpoint;

    @BeforeEach
    void createNamespace(LocalBlazegraph server) {
        blazegraph = server;
        namespaces = new BlazegraphNamespaces(URI.create(blazegraph.url()));
        namespace = "outage_" + UUID.randomUUID().toString().substring(0, 8);
        namespaces.create(namespace);
        endpoint = namespaces.sparqlEndpoint(namespace);
    }

    @AfterEach
    void restartAndDropNamespace() {
        String url = blazegraph.url();
        blazegraph.start();
        assertEquals(url, blazegraph.url(), "Blazegraph came back on another port");
        namespaces.drop(namespace);
    }

    @Test
    void aWriteStartedWhileBlazegraphIsDownCompletesOnceItIsBack() throws Exception {
        List<ResourceGraph> people = SampleGraphs.people(200, 2);
        blazegraph.stop();

        CompletableFuture<WriteOutcome> write = CompletableFuture.supplyAsync(
                () -> new SparqlGraphSink(endpoint, PATIENT, 500, Duration.ofSeconds(60)).write(people));
        sleepSeconds(3);
        assertTrue(!write.isDone(), "the write waits while Blazegraph is down");
        blazegraph.start();

        assertEquals(new WriteOutcome(200, 0, List.of()), write.get(5, TimeUnit.MINUTES));
        assertStored(people);
    }

    @Test
    void aWriteDuringWhichBlazegraphRestartsCompletes() throws Exception {
        List<ResourceGraph> people = SampleGraphs.people(3_000, 4);
        SparqlGraphSink sink = new SparqlGraphSink(endpoint, PATIENT, 1_000, Duration.ofSeconds(60));

        CompletableFuture<WriteOutcome> write = CompletableFuture.supplyAsync(() -> sink.write(people));
        try (SparqlGraphReader reader = new SparqlGraphReader(endpoint)) {
            while (!write.isDone() && reader.graphCount() == 0) {
                Thread.sleep(50);
            }
        }
        blazegraph.stop();
        sleepSeconds(3);
        blazegraph.start();

        assertEquals(new WriteOutcome(3_000, 0, List.of()), write.get(5, TimeUnit.MINUTES));
        assertStored(people);
    }

    @Test
    void givesUpPastTheRetryPolicyWithAMessageNamingTheEndpointAndWhatToDo() {
        RetryPolicy brief = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2));
        blazegraph.stop();

        SinkUnavailableException e = assertThrows(SinkUnavailableException.class,
                () -> new SparqlGraphSink(endpoint, brief).write(SampleGraphs.people(3, 1)));

        assertTrue(e.getMessage().startsWith("SPARQL endpoint " + endpoint + " stayed unavailable for "),
                e.getMessage());
        assertTrue(e.getMessage().contains("`recast servers start`"), e.getMessage());
        assertTrue(e.getMessage().contains("resumes from its last saved offset"), e.getMessage());
    }

    private void assertStored(List<ResourceGraph> people) {
        try (SparqlGraphReader reader = new SparqlGraphReader(endpoint)) {
            assertEquals(people.size(), reader.graphCount());
            long perGraph = SampleGraphs.expected(people.subList(0, 1)).size();
            assertEquals(people.size() * perGraph, reader.statementCount());
            ResourceGraph last = people.get(people.size() - 1);
            GraphSinkContract.assertIsomorphic(SampleGraphs.expected(List.of(last)),
                    CanonicalLiterals.of(reader.graph(last.graph())));
        }
    }

    private static void sleepSeconds(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }
}
