package io.recast.adapters.rdf;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.rdf4j.common.iteration.Iterations;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.repository.Repository;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryException;
import org.eclipse.rdf4j.repository.RepositoryResult;

/** A {@link GraphReader} on the native store of a {@link NativeStoreGraphSink}. */
final class NativeStoreGraphReader implements GraphReader {

    private final Repository repository;
    private final Path folder;

    NativeStoreGraphReader(Repository repository, Path folder) {
        this.repository = repository;
        this.folder = folder;
    }

    @Override
    public Model graph(String iri) {
        Resource graph = SimpleValueFactory.getInstance().createIRI(iri);
        return read(connection -> {
            try (RepositoryResult<Statement> result =
                         connection.getStatements(null, null, null, false, graph)) {
                return Iterations.addAll(result, new LinkedHashModel());
            }
        });
    }

    @Override
    public Set<String> graphs() {
        return read(connection -> {
            Set<String> graphs = new LinkedHashSet<>();
            try (RepositoryResult<Resource> contexts = connection.getContextIDs()) {
                contexts.forEach(context -> graphs.add(context.stringValue()));
            }
            return graphs;
        });
    }

    @Override
    public long graphCount() {
        return graphs().size();
    }

    @Override
    public long statementCount() {
        return read(connection -> connection.size());
    }

    private <T> T read(Function<RepositoryConnection, T> work) {
        try (RepositoryConnection connection = repository.getConnection()) {
            return work.apply(connection);
        } catch (RepositoryException e) {
            throw new RdfStoreException("the RDF4J native store in " + folder + " could not be read ("
                    + e.getMessage() + "): is the sink closed?", e);
        }
    }
}
