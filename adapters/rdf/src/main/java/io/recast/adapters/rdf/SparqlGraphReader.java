package io.recast.adapters.rdf;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.GraphQueryResult;
import org.eclipse.rdf4j.query.QueryEvaluationException;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryException;
import org.eclipse.rdf4j.repository.sparql.SPARQLRepository;

/** A {@link GraphReader} on a SPARQL 1.1 query endpoint, e.g. a Blazegraph namespace. Close it when done. */
public final class SparqlGraphReader implements GraphReader, AutoCloseable {

    private final URI endpoint;
    private final SPARQLRepository repository;

    /** @param endpoint the SPARQL query endpoint, e.g. {@link BlazegraphNamespaces#sparqlEndpoint(String)} */
    public SparqlGraphReader(URI endpoint) {
        this.endpoint = endpoint;
        this.repository = new SPARQLRepository(endpoint.toString());
    }

    @Override
    public Model graph(String iri) {
        StringBuilder query = new StringBuilder("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ");
        SparqlTerms.appendIri(query, iri);
        query.append(" { ?s ?p ?o } }");
        IRI graph = SimpleValueFactory.getInstance().createIRI(iri);
        return query(connection -> {
            Model model = new LinkedHashModel();
            try (GraphQueryResult result = connection.prepareGraphQuery(query.toString()).evaluate()) {
                for (Statement statement : result) {
                    model.add(statement.getSubject(), statement.getPredicate(), statement.getObject(), graph);
                }
            }
            return model;
        });
    }

    @Override
    public Set<String> graphs() {
        return query(connection -> {
            Set<String> graphs = new LinkedHashSet<>();
            try (TupleQueryResult result = connection.prepareTupleQuery(
                    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").evaluate()) {
                for (BindingSet row : result) {
                    graphs.add(row.getValue("g").stringValue());
                }
            }
            return graphs;
        });
    }

    @Override
    public long graphCount() {
        return count("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    }

    @Override
    public long statementCount() {
        return count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    }

    /** Releases the HTTP connections. */
    @Override
    public void close() {
        repository.shutDown();
    }

    private long count(String select) {
        return query(connection -> {
            try (TupleQueryResult result = connection.prepareTupleQuery(select).evaluate()) {
                return result.hasNext() ? ((Literal) result.next().getValue("n")).longValue() : 0L;
            }
        });
    }

    private <T> T query(Function<RepositoryConnection, T> work) {
        try (RepositoryConnection connection = repository.getConnection()) {
            return work.apply(connection);
        } catch (RepositoryException | QueryEvaluationException e) {
            throw new RdfStoreException("SPARQL endpoint " + endpoint + " could not answer a query (" + e.getMessage()
                    + "): check that the store runs and the namespace exists", e);
        }
    }
}
