package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.RetryPolicy;
import io.recast.servers.LocalBlazegraph;
import io.recast.servers.junit.RealServers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.rdf4j.model.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The raw INSERT DATA baseline on a real Blazegraph, next to the sink on the same statements. */
@RealServers
class RawSparqlLoadIT {

    private static final Logger log = LoggerFactory.getLogger(RawSparqlLoadIT.class);

    private BlazegraphNamespaces namespaces;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void connect(LocalBlazegraph blazegraph) {
        namespaces = new BlazegraphNamespaces(URI.create(blazegraph.url()));
    }

    @AfterEach
    void dropNamespaces() {
        created.forEach(namespaces::drop);
    }

    private URI freshNamespace(String prefix) {
        String namespace = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        namespaces.create(namespace);
        created.add(namespace);
        return namespaces.sparqlEndpoint(namespace);
    }

    @Test
    void loadsTheSinksStatementsInRequestsOfTenThousandAndCountsThem() {
        List<ResourceGraph> people = SampleGraphs.people(2_000, 4);
        Model statements = SampleGraphs.expected(people);
        URI raw = freshNamespace("raw");
        URI sunk = freshNamespace("sunk");

        RawLoadResult load = new RawSparqlLoad(raw, RetryPolicy.defaults()).load(statements);
        long sinkStarted = System.nanoTime();
        new SparqlGraphSink(sunk, RetryPolicy.defaults()).write(people);
        long sinkNanos = System.nanoTime() - sinkStarted;

        assertEquals(2_000 * 16, load.statements());
        assertEquals(4, load.requests());
        assertTrue(load.elapsedNanos() > 0);
        try (SparqlGraphReader rawReader = new SparqlGraphReader(raw);
             SparqlGraphReader sinkReader = new SparqlGraphReader(sunk)) {
            assertEquals(load.statements(), rawReader.statementCount());
            assertEquals(2_000, rawReader.graphCount());
            assertEquals(sinkReader.statementCount(), rawReader.statementCount());
        }
        log.info("raw INSERT DATA: {} statements in {} ms ({} statements/s); sink with JSON-LD and DROP: {} ms"
                        + " ({} statements/s)", load.statements(), load.elapsedNanos() / 1_000_000,
                Math.round(load.statementsPerSecond()), sinkNanos / 1_000_000,
                Math.round(load.statements() * 1e9 / sinkNanos));
    }
}
