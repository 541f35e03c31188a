package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.junit.jupiter.api.Test;

class SparqlTermsTest {

    private static final ValueFactory VF = SimpleValueFactory.getInstance();

    static String sparql(Value value) {
        StringBuilder out = new StringBuilder();
        SparqlTerms.append(out, value, node -> "n1");
        return out.toString();
    }

    @Test
    void writesIrisInAngleBrackets() {
        assertEquals("<https://example.org/a?b=c#d>", sparql(VF.createIRI("https://example.org/a?b=c#d")));
        assertEquals("<urn:uuid:1234>", sparql(VF.createIRI("urn:uuid:1234")));
    }

    @Test
    void refusesIrisWithCharactersSparqlDoesNotAllowAndSaysHowToFix() {
        for (String bad : new String[] {"https://example.org/a b", "https://example.org/<a>", "https://x.org/{a}",
                "https://x.org/a\"b", "https://x.org/a\\b", "https://x.org/a|b", "https://x.org/a^b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SparqlTerms.appendIri(new StringBuilder(), bad), bad);
            assertTrue(e.getMessage().contains("percent-encode it"), e.getMessage());
        }
    }

    @Test
    void writesAnXsdStringAsAPlainQuotedLiteral() {
        assertEquals("\"Neuron\"", sparql(VF.createLiteral("Neuron")));
        assertEquals("\"\"", sparql(VF.createLiteral("")));
    }

    @Test
    void escapesQuotesBackslashesAndLineBreaks() {
        assertEquals("\"say \\\"hi\\\"\\n\\r\\tback\\\\slash\"",
                sparql(VF.createLiteral("say \"hi\"\n\r\tback\\slash")));
        assertEquals("\"a\\bb\\fc\"", sparql(VF.createLiteral("a\bb\fc")));
    }

    @Test
    void writesOtherControlCharactersAsCodepointEscapes() {
        assertEquals("\"a\\u0001b\\u007Fc\"", sparql(VF.createLiteral("a\u0001b\u007Fc")));
    }

    @Test
    void keepsNonAsciiCharactersAsTheyAre() {
        assertEquals("\"Zürich – 東京 😀 'single'\"", sparql(VF.createLiteral("Zürich – 東京 😀 'single'")));
    }

    @Test
    void writesLanguageTags() {
        assertEquals("\"chat\"@fr", sparql(VF.createLiteral("chat", "fr")));
        assertEquals("\"colour\"@en-GB", sparql(VF.createLiteral("colour", "en-GB")));
    }

    @Test
    void writesDatatypesAsIris() {
        assertEquals("\"5\"^^<http://www.w3.org/2001/XMLSchema#integer>", sparql(VF.createLiteral("5", XSD.INTEGER)));
        assertEquals("\"2024-01-02T03:04:05Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>",
                sparql(VF.createLiteral("2024-01-02T03:04:05Z", XSD.DATETIME)));
        assertEquals("\"{\\\"a\\\": 1}\"^^<https://example.org/json>",
                sparql(VF.createLiteral("{\"a\": 1}", VF.createIRI("https://example.org/json"))));
    }

    @Test
    void writesBlankNodesWithTheGivenLabel() {
        assertEquals("_:n1", sparql(VF.createBNode("whatever")));
    }
}
