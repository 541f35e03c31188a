package io.recast.adapters.rdf;

import com.fasterxml.jackson.databind.JsonNode;
import io.recast.engine.view.ResourceGraph;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.RDFParseException;
import org.eclipse.rdf4j.rio.RDFParser;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.rio.helpers.AbstractRDFHandler;
import org.eclipse.rdf4j.rio.jsonld.JSONLDSettings;

/**
 * Turns the JSON-LD documents of a {@link ResourceGraph} into RDF with RDF4J's JSON-LD parser, every statement in the
 * named graph whose IRI is {@link ResourceGraph#graph()} (a {@code @graph} of the source does not name another one).
 *
 * <p>Contexts must be inline: a remote {@code @context} is never fetched, the graph is rejected with "remote context
 * &lt;url&gt; is not allowed: inline it". Relative IRIs resolve against the context's {@code @base}, else against the
 * graph's IRI. Blank nodes of different documents and graphs stay distinct. JSON-LD that does not expand rejects the
 * graph with the parser's message. Thread-safe: each call uses its own parser.
 */
public final class JsonLdGraphs {

    private static final ValueFactory VALUES = SimpleValueFactory.getInstance();

    /** A converter; it keeps no state between calls. */
    public JsonLdGraphs() {
    }

    /**
     * Converts one graph; never throws for bad input, which comes back as a rejection instead.
     *
     * @param graph the graph's IRI and its JSON-LD documents
     * @return its statements, or why it was refused
     */
    public ConvertedGraph toRdf(ResourceGraph graph) {
        IRI name;
        try {
            name = SparqlTerms.checkedIri(graph.graph());
        } catch (IllegalArgumentException e) {
            return ConvertedGraph.rejected(graph.graph(), graph.version(), e.getMessage());
        }
        Model model = new LinkedHashModel();
        for (int i = 0; i < graph.documents().size(); i++) {
            JsonNode document = graph.documents().get(i);
            try {
                parser(name, model).parse(new StringReader(document.toString()), graph.graph());
            } catch (RDFParseException | IllegalArgumentException e) {
                return ConvertedGraph.rejected(graph.graph(), graph.version(), reason(graph, i, e));
            } catch (IOException e) {
                throw new IllegalStateException("reading a JSON string cannot fail", e);
            }
        }
        return ConvertedGraph.converted(graph.graph(), graph.version(), model);
    }

    private static RDFParser parser(IRI graph, Model into) {
        RDFParser parser = Rio.createParser(RDFFormat.JSONLD, VALUES);
        parser.getParserConfig()
                .set(JSONLDSettings.DOCUMENT_LOADER, new InlineContextsOnly())
                .set(JSONLDSettings.SECURE_MODE, true);
        parser.setRDFHandler(new AbstractRDFHandler() {
            @Override
            public void handleStatement(Statement statement) {
                into.add(statement.getSubject(), statement.getPredicate(), statement.getObject(), graph);
            }
        });
        return parser;
    }

    private static String reason(ResourceGraph graph, int document, Exception failure) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains(InlineContextsOnly.REFUSED)) {
                return message.substring(message.indexOf(InlineContextsOnly.REFUSED));
            }
            if (message != null && !message.isBlank()) {
                messages.add(message.strip());
            }
        }
        return "JSON-LD document " + (document + 1) + " of " + graph.documents().size() + " of graph <"
                + graph.graph() + "> does not expand: " + String.join(": ", messages)
                + " (fix the projection's JSON-LD)";
    }
}
