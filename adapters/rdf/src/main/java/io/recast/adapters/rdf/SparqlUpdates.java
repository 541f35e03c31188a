package io.recast.adapters.rdf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;

/**
 * Builds the text of one SPARQL 1.1 update request, operation by operation. Blank node labels are unique within the
 * request and per graph ({@code _:g<graph>b<node>}), so blank nodes of two graphs never merge.
 */
final class SparqlUpdates {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private int graphs;
    private int statements;

    /**
     * Adds {@code DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }}: the graph replaced as a whole. A term
     * that SPARQL cannot write throws {@link IllegalArgumentException} and leaves the request as it was.
     */
    SparqlUpdates replaceGraph(String graph, Iterable<Statement> content) {
        int mark = text.length();
        int counted = statements;
        try {
            appendReplacement(graph, content);
        } catch (IllegalArgumentException e) {
            text.setLength(mark);
            statements = counted;
            throw e;
        }
        return this;
    }

    private void appendReplacement(String graph, Iterable<Statement> content) {
        separate();
        text.append("DROP SILENT GRAPH ");
        SparqlTerms.appendIri(text, graph);
        if (content.iterator().hasNext()) {
            insertData(graph, content);
        }
    }

    /**
     * Adds {@code INSERT DATA { ... }} of statements, each in its own named graph when it has one (or all in
     * {@code graph} when that is given).
     */
    SparqlUpdates insertData(String graph, Iterable<Statement> content) {
        separate();
        Function<BNode, String> label = blankNodeLabels();
        text.append("INSERT DATA {\n");
        Resource fixed = graph == null ? null : SparqlTerms.checkedIri(graph);
        Resource open = null;
        boolean first = true;
        for (Statement statement : content) {
            Resource target = fixed != null ? fixed : statement.getContext();
            if (first || !Objects.equals(target, open)) {
                if (open != null) {
                    text.append("}\n");
                }
                if (target != null) {
                    text.append("GRAPH ");
                    SparqlTerms.append(text, target, label);
                    text.append(" {\n");
                }
                open = target;
                first = false;
            }
            appendTriple(statement, label);
        }
        if (open != null) {
            text.append("}\n");
        }
        text.append('}');
        return this;
    }

    /**
     * Adds one {@code INSERT DATA { GRAPH <g1> { ... } GRAPH <g2> { ... } }} for graphs that the store does not hold
     * yet (nothing is dropped first). A graph with a term that SPARQL cannot write is left out.
     *
     * @return the graphs left out, with the reason
     */
    Map<String, String> insertGraphs(List<ConvertedGraph> content) {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        int start = text.length();
        separate();
        text.append("INSERT DATA {\n");
        int included = 0;
        for (ConvertedGraph graph : content) {
            int mark = text.length();
            int counted = statements;
            try {
                Function<BNode, String> label = blankNodeLabels();
                text.append("GRAPH ");
                SparqlTerms.appendIri(text, graph.graph());
                text.append(" {\n");
                for (Statement statement : graph.statements()) {
                    appendTriple(statement, label);
                }
                text.append("}\n");
                included++;
            } catch (IllegalArgumentException e) {
                text.setLength(mark);
                statements = counted;
                refused.put(graph.graph(), e.getMessage());
            }
        }
        if (included == 0) {
            text.setLength(start);
        } else {
            text.append('}');
        }
        return refused;
    }

    /** Whether nothing was added. */
    boolean isEmpty() {
        return text.length() == 0;
    }

    /** The statements added so far. */
    int statements() {
        return statements;
    }

    /** The request text. */
    @Override
    public String toString() {
        return text.toString();
    }

    /** Labels for the blank nodes of one graph: {@code g<graph>b<n>}, unique within the request. */
    private Function<BNode, String> blankNodeLabels() {
        String prefix = "g" + graphs++ + "b";
        Map<BNode, String> labels = new HashMap<>();
        return node -> labels.computeIfAbsent(node, n -> prefix + labels.size());
    }

    /** One triple, its terms written with the graph's blank node labels. */
    private void appendTriple(Statement statement, Function<BNode, String> label) {
        SparqlTerms.append(text, statement.getSubject(), label);
        text.append(' ');
        SparqlTerms.append(text, statement.getPredicate(), label);
        text.append(' ');
        SparqlTerms.append(text, statement.getObject(), label);
        text.append(" .\n");
        statements++;
    }

    private void separate() {
        if (!isEmpty()) {
            text.append(" ;\n");
        }
    }
}
