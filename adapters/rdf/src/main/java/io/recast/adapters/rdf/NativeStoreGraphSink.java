package io.recast.adapters.rdf;

import io.recast.engine.view.GraphSink;
import io.recast.engine.view.RejectedDocument;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.WriteOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryException;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.nativerdf.NativeStore;

/**
 * A {@link GraphSink} into an embedded RDF4J native store in a folder, for when no SPARQL endpoint is configured.
 * Each batch is one transaction that, per graph, clears the named graph and adds its statements, so a graph written
 * twice is stored once. Graphs whose JSON-LD does not convert are rejected and the others written; {@link
 * WriteOutcome#stale()} is always 0. One process at a time may open the folder; close the sink when done.
 */
public final class NativeStoreGraphSink implements GraphSink, AutoCloseable {

    /** Indexes by subject, by predicate and by graph, the last so that clearing a graph is fast. */
    private static final String INDEXES = "spoc,posc,cspo";

    private final Path folder;
    private final SailRepository repository;
    private final JsonLdGraphs jsonLd = new JsonLdGraphs();

    /** Opens (or creates) the native store in {@code folder}. */
    public NativeStoreGraphSink(Path folder) {
        this.folder = folder.toAbsolutePath();
        try {
            this.repository = new SailRepository(new NativeStore(this.folder.toFile(), INDEXES));
            this.repository.init();
        } catch (RepositoryException e) {
            throw new RdfStoreException("could not open the RDF4J native store in " + this.folder + " ("
                    + e.getMessage() + "): check that no other process uses it and that the folder is writable", e);
        }
    }

    /** The store's folder. */
    public Path folder() {
        return folder;
    }

    /** Replaces every graph of the batch in one transaction. */
    @Override
    public WriteOutcome write(List<ResourceGraph> graphs) {
        List<RejectedDocument> rejected = new ArrayList<>();
        List<ConvertedGraph> converted = new ArrayList<>();
        for (ResourceGraph graph : graphs) {
            ConvertedGraph result = jsonLd.toRdf(graph);
            if (result.isRejected()) {
                rejected.add(result.rejection().orElseThrow());
            } else {
                converted.add(result);
            }
        }
        if (!converted.isEmpty()) {
            try (RepositoryConnection connection = repository.getConnection()) {
                connection.begin();
                for (ConvertedGraph graph : converted) {
                    IRI name = SimpleValueFactory.getInstance().createIRI(graph.graph());
                    connection.clear(name);
                    connection.add(graph.statements(), name);
                }
                connection.commit();
            } catch (RepositoryException e) {
                throw new RdfStoreException("the RDF4J native store in " + folder + " could not store a batch ("
                        + e.getMessage() + "): check free disk space and permissions; nothing of the batch is saved",
                        e);
            }
        }
        return new WriteOutcome(converted.size(), 0, rejected);
    }

    /** A reader on this sink's store (the folder cannot be opened twice). */
    public GraphReader reader() {
        return new NativeStoreGraphReader(repository, folder);
    }

    /** Closes the store. */
    @Override
    public void close() {
        repository.shutDown();
    }
}
