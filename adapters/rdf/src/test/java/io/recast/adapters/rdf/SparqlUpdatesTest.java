package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.sail.nativerdf.NativeStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparqlUpdatesTest {

    private static final ValueFactory VF = SimpleValueFactory.getInstance();
    private static final IRI G1 = VF.createIRI("https://example.org/g/1");
    private static final IRI G2 = VF.createIRI("https://example.org/g/2");
    private static final IRI NAME = VF.createIRI("https://schema.example.org/name");

    @Test
    void replacesAGraphWithDropThenInsertData() {
        Model content = new LinkedHashModel();
        content.add(VF.createIRI("https://example.org/r/1"), NAME, VF.createLiteral("A"), G1);

        String update = new SparqlUpdates().replaceGraph(G1.stringValue(), content).toString();

        assertEquals("DROP SILENT GRAPH <https://example.org/g/1> ;\n"
                + "INSERT DATA {\nGRAPH <https://example.org/g/1> {\n"
                + "<https://example.org/r/1> <https://schema.example.org/name> \"A\" .\n}\n}", update);
    }

    @Test
    void onlyDropsAGraphWithoutStatements() {
        assertEquals("DROP SILENT GRAPH <https://example.org/g/1>",
                new SparqlUpdates().replaceGraph(G1.stringValue(), List.of()).toString());
    }

    @Test
    void labelsBlankNodesOfEachGraphApart() {
        BNode shared = VF.createBNode("same");
        Statement first = VF.createStatement(shared, NAME, VF.createLiteral("x"), G1);
        Statement second = VF.createStatement(shared, NAME, VF.createLiteral("y"), G2);

        String update = new SparqlUpdates().replaceGraph(G1.stringValue(), List.of(first))
                .replaceGraph(G2.stringValue(), List.of(second)).toString();

        assertTrue(update.contains("_:g0b0 <https://schema.example.org/name> \"x\""), update);
        assertTrue(update.contains("_:g1b0 <https://schema.example.org/name> \"y\""), update);
    }

    @Test
    void leavesTheRequestAsItWasWhenAGraphCannotBeWritten() {
        Model ok = new LinkedHashModel();
        ok.add(VF.createIRI("https://example.org/r/1"), NAME, VF.createLiteral("A"), G1);
        Model bad = new LinkedHashModel();
        bad.add(VF.createIRI("https://example.org/r/a{b}"), NAME, VF.createLiteral("B"), G2);
        SparqlUpdates updates = new SparqlUpdates().replaceGraph(G1.stringValue(), ok);
        String before = updates.toString();

        assertThrows(IllegalArgumentException.class, () -> updates.replaceGraph(G2.stringValue(), bad));

        assertEquals(before, updates.toString());
        assertEquals(1, updates.statements());
    }

    @Test
    void aSparqlParserReadsBackExactlyTheStatementsIncludingTrickyLiterals(@TempDir Path folder) {
        BNode node = VF.createBNode();
        IRI subject = VF.createIRI("https://example.org/r/é?q=1#x");
        Model expected = new LinkedHashModel();
        for (String text : List.of("quote \" and 'single'", "back\\slash \\u0041 \\n literal", "line\nbreak\r\ttab",
                "control \u0001 \u007F", "unicode Zürich 東京 😀", "")) {
            expected.add(subject, NAME, VF.createLiteral(text), G1);
        }
        expected.add(subject, NAME, VF.createLiteral("chat", "fr"), G1);
        expected.add(subject, NAME, VF.createLiteral("colour", "en-gb"), G1);
        expected.add(subject, NAME, VF.createLiteral("42", XSD.INTEGER), G1);
        expected.add(subject, NAME, VF.createLiteral("2024-01-02T03:04:05Z", XSD.DATETIME), G1);
        expected.add(subject, NAME, node, G1);
        expected.add(node, NAME, VF.createLiteral("nested"), G1);

        SailRepository repository = new SailRepository(new NativeStore(folder.toFile()));
        try (RepositoryConnection connection = repository.getConnection()) {
            connection.add(VF.createIRI("https://example.org/old"), NAME, VF.createLiteral("old"), G1);
            connection.prepareUpdate(new SparqlUpdates().replaceGraph(G1.stringValue(), expected).toString())
                    .execute();
            Model stored = new LinkedHashModel();
            connection.getStatements(null, null, null, false).forEach(stored::add);
            assertTrue(Models.isomorphic(expected, stored), () -> "expected\n" + expected + "\nbut was\n" + stored);
        } finally {
            repository.shutDown();
        }
    }
}
