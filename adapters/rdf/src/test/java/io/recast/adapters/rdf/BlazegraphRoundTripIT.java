package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.adapters.rdf.BlazegraphNamespaces.NamespaceChange;
import io.recast.servers.LocalBlazegraph;
import io.recast.servers.junit.RealServers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sparql.SPARQLRepository;
import org.junit.jupiter.api.Test;

@RealServers
class BlazegraphRoundTripIT {

    @Test
    void createsANamespaceUpdatesAndSelectsThroughSparqlThenDropsIt(LocalBlazegraph blazegraph) {
        BlazegraphNamespaces namespaces = new BlazegraphNamespaces(URI.create(blazegraph.url()));
        assertEquals(NamespaceChange.CREATED, namespaces.create("roundtrip"));
        assertEquals(NamespaceChange.UNCHANGED, namespaces.create("roundtrip"));

        SPARQLRepository repository = new SPARQLRepository(namespaces.sparqlEndpoint("roundtrip").toString());
        try (RepositoryConnection connection = repository.getConnection()) {
            connection.prepareUpdate("INSERT DATA { GRAPH <https://example.org/g/1> {"
                    + " <https://example.org/r/1> <http://schema.org/name> \"Neuron\" ."
                    + " <https://example.org/r/1> <http://schema.org/rev> 3 } }").execute();
            List<String> names = new ArrayList<>();
            try (TupleQueryResult result = connection.prepareTupleQuery(
                    "SELECT ?g ?name WHERE { GRAPH ?g { ?s <http://schema.org/name> ?name } }").evaluate()) {
                for (BindingSet row : result) {
                    names.add(row.getValue("g").stringValue() + " " + row.getValue("name").stringValue());
                }
            }
            assertEquals(List.of("https://example.org/g/1 Neuron"), names);
        } finally {
            repository.shutDown();
        }

        assertTrue(namespaces.exists("roundtrip"));
        assertEquals(NamespaceChange.DROPPED, namespaces.drop("roundtrip"));
        assertFalse(namespaces.exists("roundtrip"));
        assertEquals(NamespaceChange.UNCHANGED, namespaces.drop("roundtrip"));
    }
}
