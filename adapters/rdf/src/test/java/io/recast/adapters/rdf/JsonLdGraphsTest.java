package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.recast.engine.view.ResourceGraph;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.junit.jupiter.api.Test;

class JsonLdGraphsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ValueFactory VF = SimpleValueFactory.getInstance();
    private static final String DATA = "https://data.example.org/";
    private static final String VOCAB = "https://schema.example.org/";
    private static final String GRAPH = DATA + "person/1";

    private final JsonLdGraphs jsonLd = new JsonLdGraphs();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final String PERSON = """
            {'@context': {'@base': 'https://data.example.org/', '@vocab': 'https://schema.example.org/',
                          'xsd': 'http://www.w3.org/2001/XMLSchema#',
                          'born': {'@type': 'xsd:date'}, 'knows': {'@type': '@id'},
                          'title': {'@language': 'en'}},
             '@id': 'person/1', '@type': 'Person',
             'name': 'Ada', 'title': 'Countess', 'born': '1815-12-10', 'age': 36, 'weight': 52.5,
             'knows': ['person/2', 'person/3'],
             'tags': ['math', 'poetry'],
             'address': {'@id': 'address/1', 'city': 'London'},
             'skill': {'name': 'analysis', 'level': {'@value': '9', '@type': 'xsd:byte'}}}
            """;

    @Test
    void convertsNestedJsonLdWithBaseVocabArraysAndTypedLiteralsIntoTheNamedGraph() {
        ConvertedGraph converted = jsonLd.toRdf(new ResourceGraph(GRAPH, 3, List.of(json(PERSON))));

        assertFalse(converted.isRejected(), () -> converted.rejection().toString());
        IRI g = VF.createIRI(GRAPH);
        IRI ada = VF.createIRI(DATA + "person/1");
        IRI address = VF.createIRI(DATA + "address/1");
        BNode skill = VF.createBNode();
        Model expected = new LinkedHashModel();
        expected.add(ada, RDF.TYPE, VF.createIRI(VOCAB + "Person"), g);
        expected.add(ada, vocab("name"), VF.createLiteral("Ada"), g);
        expected.add(ada, vocab("title"), VF.createLiteral("Countess", "en"), g);
        expected.add(ada, vocab("born"), VF.createLiteral("1815-12-10", XSD.DATE), g);
        expected.add(ada, vocab("age"), VF.createLiteral("36", XSD.INTEGER), g);
        expected.add(ada, vocab("weight"), VF.createLiteral("5.25E1", XSD.DOUBLE), g);
        expected.add(ada, vocab("knows"), VF.createIRI(DATA + "person/2"), g);
        expected.add(ada, vocab("knows"), VF.createIRI(DATA + "person/3"), g);
        expected.add(ada, vocab("tags"), VF.createLiteral("math"), g);
        expected.add(ada, vocab("tags"), VF.createLiteral("poetry"), g);
        expected.add(ada, vocab("address"), address, g);
        expected.add(address, vocab("city"), VF.createLiteral("London"), g);
        expected.add(ada, vocab("skill"), skill, g);
        expected.add(skill, vocab("name"), VF.createLiteral("analysis"), g);
        expected.add(skill, vocab("level"), VF.createLiteral("9", XSD.BYTE), g);
        assertTrue(Models.isomorphic(expected, converted.statements()),
                () -> "expected\n" + expected + "\nbut was\n" + converted.statements());
        assertEquals(Set.of(g), converted.statements().contexts());
    }

    @Test
    void putsAllDocumentsAndTheSourcesOwnGraphsIntoTheGivenGraphWithDistinctBlankNodes() {
        JsonNode first = json("{'@context': {'@vocab': 'https://schema.example.org/'}, 'part': {'name': 'x'}}");
        JsonNode second = json("{'@context': {'@vocab': 'https://schema.example.org/'},"
                + " '@id': 'https://data.example.org/meta', '@graph': [{'@id': 'https://data.example.org/m1',"
                + " 'part': {'name': 'x'}}]}");

        ConvertedGraph converted = jsonLd.toRdf(new ResourceGraph(GRAPH, 1, List.of(first, second)));

        assertFalse(converted.isRejected(), () -> converted.rejection().toString());
        assertEquals(Set.of(VF.createIRI(GRAPH)), converted.statements().contexts());
        assertEquals(4, converted.statements().size());
        Set<Resource> blankNodes = converted.statements().filter(null, vocab("name"), null).subjects();
        assertEquals(2, blankNodes.size(), "each document's blank node is its own");
    }

    @Test
    void resolvesRelativeIrisAgainstTheGraphWhenTheContextHasNoBase() {
        JsonNode document = json("{'@context': {'@vocab': 'https://schema.example.org/'}, '@id': '#me', 'name': 'A'}");

        ConvertedGraph converted = jsonLd.toRdf(new ResourceGraph(GRAPH, 1, List.of(document)));

        assertEquals(Set.of(VF.createIRI(GRAPH + "#me")), converted.statements().subjects());
    }

    @Test
    void rejectsARemoteContextWithoutFetchingIt() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"@context\": {\"@vocab\": \"https://schema.example.org/\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/ld+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ctx.jsonld";
            JsonNode document = json("{'@context': '" + url + "', '@id': 'https://data.example.org/x', 'name': 'A'}");

            ConvertedGraph converted = jsonLd.toRdf(new ResourceGraph(GRAPH, 1, List.of(document)));

            assertTrue(converted.isRejected());
            assertEquals("remote context <" + url + "> is not allowed: inline it",
                    converted.rejection().orElseThrow().reason());
            assertEquals(GRAPH, converted.rejection().orElseThrow().id());
            assertEquals(0, requests.get(), "the context must never be fetched");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void rejectsARemoteContextInAContextArrayOrATermDefinition() {
        JsonNode inArray = json("{'@context': [{'@vocab': 'https://schema.example.org/'},"
                + " 'https://w3id.org/remote/context.jsonld'], '@id': 'https://data.example.org/x', 'name': 'A'}");
        JsonNode scoped = json("{'@context': {'@vocab': 'https://schema.example.org/',"
                + " 'part': {'@context': 'http://127.0.0.1:1/scoped.jsonld'}},"
                + " '@id': 'https://data.example.org/x', 'part': {'name': 'A'}}");

        for (JsonNode document : List.of(inArray, scoped)) {
            ConvertedGraph converted = jsonLd.toRdf(new ResourceGraph(GRAPH, 1, List.of(document)));
            assertTrue(converted.isRejected(), document::toString);
            String reason = converted.rejection().orElseThrow().reason();
            assertTrue(reason.startsWith("remote context <http"), reason);
            assertTrue(reason.endsWith("> is not allowed: inline it"), reason);
        }
    }

    @Test
    void rejectsMalformedJsonLdWithTheParsersMessage() {
        JsonNode document = json("{'@context': 42, '@id': 'https://data.example.org/x'}");

        ConvertedGraph converted = jsonLd.toRdf(new ResourceGraph(GRAPH, 1, List.of(document)));

        assertTrue(converted.isRejected());
        String reason = converted.rejection().orElseThrow().reason();
        assertTrue(reason.startsWith("JSON-LD document 1 of 1 of graph <" + GRAPH + "> does not expand: "), reason);
        assertTrue(reason.length() > 80, "the parser's own message follows: " + reason);
        assertTrue(converted.statements().isEmpty());
    }

    @Test
    void rejectsAGraphNameThatIsNotAnAbsoluteIri() {
        ConvertedGraph relative = jsonLd.toRdf(new ResourceGraph("person-1", 1, List.of(json(PERSON))));
        ConvertedGraph spaced = jsonLd.toRdf(new ResourceGraph("https://x.org/a b", 1, List.of(json(PERSON))));

        assertTrue(relative.rejection().orElseThrow().reason().contains("is not an absolute IRI"));
        assertTrue(spaced.rejection().orElseThrow().reason().contains("percent-encode"));
    }

    static IRI vocab(String local) {
        return VF.createIRI(VOCAB + local);
    }
}
