package io.recast.adapters.rdf;

import java.util.Set;
import org.eclipse.rdf4j.model.Model;

/** Reads back what a graph sink stored, to verify a rebuild: one named graph, the graph names and counts. */
public interface GraphReader {

    /** The statements of one named graph, each with the graph as its context; empty when there is no such graph. */
    Model graph(String iri);

    /** The IRIs of all named graphs that hold at least one statement. */
    Set<String> graphs();

    /** How many named graphs hold at least one statement. */
    long graphCount();

    /** How many statements the named graphs hold in all. */
    long statementCount();
}
