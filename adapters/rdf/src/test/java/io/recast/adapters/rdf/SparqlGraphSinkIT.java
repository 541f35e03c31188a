package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.view.GraphSink;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.RetryPolicy;
import io.recast.servers.LocalBlazegraph;
import io.recast.servers.junit.RealServers;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The graph sink contract on a real Blazegraph, in a fresh namespace per test. */
@RealServers
class SparqlGraphSinkIT extends GraphSinkContract {

    private BlazegraphNamespaces namespaces;
    private String namespace;
    private SparqlGraphSink sink;
    private SparqlGraphReader reader;

    @BeforeEach
    void createNamespace(LocalBlazegraph blazegraph) {
        namespaces = new BlazegraphNamespaces(URI.create(blazegraph.url()));
        namespace = "sink_" + UUID.randomUUID().toString().substring(0, 8);
        namespaces.create(namespace);
        // a small request size, so that batches take several requests
        sink = new SparqlGraphSink(namespaces.sparqlEndpoint(namespace), RetryPolicy.defaults(), 100,
                SparqlGraphSink.DEFAULT_REQUEST_TIMEOUT);
        reader = new SparqlGraphReader(namespaces.sparqlEndpoint(namespace));
    }

    @AfterEach
    void dropNamespace() {
        reader.close();
        namespaces.drop(namespace);
    }

    @Override
    GraphSink sink() {
        return sink;
    }

    @Override
    GraphReader reader() {
        return reader;
    }

    @Test
    void writesALargeBatchInRequestsOfTheDefaultSize() {
        SparqlGraphSink defaults = new SparqlGraphSink(namespaces.sparqlEndpoint(namespace), RetryPolicy.defaults());
        List<ResourceGraph> people = SampleGraphs.people(1_500, 4);

        assertEquals(1_500, defaults.write(people).written());
        assertEquals(1_500 * 16, reader.statementCount());
        assertEquals(1_500, reader.graphCount());
    }

    @Test
    void concurrentWritersOfNewGraphsStoreEveryGraphOnce() throws Exception {
        SparqlGraphSink shared = new SparqlGraphSink(namespaces.sparqlEndpoint(namespace), RetryPolicy.defaults());
        int writers = 8;
        int perWriter = 60;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        List<ResourceGraph> all = new java.util.ArrayList<>();
        List<java.util.concurrent.Future<Long>> written = new java.util.ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                List<ResourceGraph> mine = new java.util.ArrayList<>();
                for (int i = 0; i < perWriter; i++) {
                    // small writes, one graph each, as many token ranges of a replay make
                    mine.add(SampleGraphs.namedOnly(w * perWriter + i));
                }
                all.addAll(mine);
                written.add(pool.submit(() -> {
                    long n = 0;
                    for (ResourceGraph graph : mine) {
                        n += shared.writeNew(List.of(graph)).written();
                    }
                    return n;
                }));
            }
            long total = 0;
            for (java.util.concurrent.Future<Long> writer : written) {
                total += writer.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
            assertEquals((long) writers * perWriter, total);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(writers * perWriter, reader.graphCount());
        assertIsomorphic(SampleGraphs.expected(all), stored());
    }

    @Test
    void failsWithAHintWhenTheNamespaceDoesNotExist() {
        SparqlGraphSink missing = new SparqlGraphSink(namespaces.sparqlEndpoint("no_such_" + namespace),
                RetryPolicy.defaults());

        RdfStoreException e = assertThrows(RdfStoreException.class,
                () -> missing.write(SampleGraphs.people(1, 0)));

        assertTrue(e.getMessage().contains("create it"), e.getMessage());
    }
}
