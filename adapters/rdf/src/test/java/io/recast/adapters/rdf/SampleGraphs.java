package io.recast.adapters.rdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.view.ResourceGraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;

/** JSON-LD graphs for the sink tests: people with nested, typed, tagged and awkward values. */
final class SampleGraphs {

    static final String DATA = "https://data.example.org/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT = """
            {"@base": "https://data.example.org/", "@vocab": "https://schema.example.org/",
             "xsd": "http://www.w3.org/2001/XMLSchema#",
             "born": {"@type": "xsd:date"}, "seen": {"@type": "xsd:dateTime"}, "knows": {"@type": "@id"},
             "title": {"@language": "en-GB"}}
            """;

    private SampleGraphs() {
    }

    /** The graph IRI of person {@code n}. */
    static String iri(int n) {
        return DATA + "person/" + n;
    }

    /** Person {@code n} with {@code tags} extra tag values (so its size is 12 + tags statements). */
    static ResourceGraph person(int n, long version, int tags) {
        ObjectNode person = JSON.createObjectNode();
        person.set("@context", parse(CONTEXT));
        person.put("@id", "person/" + n);
        person.put("@type", "Person");
        person.put("name", "Person \"" + n + "\"\nline two\t\\ Zürich 東京 😀");
        person.put("title", "Dr " + n);
        person.put("born", "1815-12-10");
        person.put("seen", "2024-01-02T03:04:05Z");
        person.put("age", 30 + n % 50);
        person.put("weight", 52.5 + n);
        person.put("active", n % 2 == 0);
        ArrayNode knows = person.putArray("knows");
        knows.add("person/" + (n + 1)).add("person/" + (n + 2));
        ObjectNode skill = person.putObject("skill");
        skill.put("name", "analysis " + n);
        ArrayNode tagList = person.putArray("tags");
        for (int i = 0; i < tags; i++) {
            tagList.add("tag " + i);
        }
        return new ResourceGraph(iri(n), version, List.of(person));
    }

    /** Person {@code n} whose skill is named, so the graph has no blank node. */
    static ResourceGraph namedOnly(int n) {
        ResourceGraph person = person(n, 1, 1);
        ObjectNode source = ((ObjectNode) person.documents().get(0)).deepCopy();
        ((ObjectNode) source.get("skill")).put("@id", "skill/" + n);
        return new ResourceGraph(person.graph(), 1, List.of(source));
    }

    /** People {@code 0..count-1}, each with {@code tags} tags. */
    static List<ResourceGraph> people(int count, int tags) {
        List<ResourceGraph> people = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            people.add(person(n, 1, tags));
        }
        return people;
    }

    /** A graph whose context is remote. */
    static ResourceGraph withRemoteContext(int n) {
        return new ResourceGraph(iri(n), 1, List.of(parse("{\"@context\": \"http://127.0.0.1:1/ctx.jsonld\","
                + " \"@id\": \"" + iri(n) + "\", \"name\": \"x\"}")));
    }

    /** A graph whose JSON-LD does not expand. */
    static ResourceGraph malformed(int n) {
        return new ResourceGraph(iri(n), 1, List.of(parse("{\"@context\": 42, \"@id\": \"" + iri(n) + "\"}")));
    }

    /** What the sink should store for these graphs, literals canonical. */
    static Model expected(List<ResourceGraph> graphs) {
        JsonLdGraphs jsonLd = new JsonLdGraphs();
        Model all = new LinkedHashModel();
        for (ResourceGraph graph : graphs) {
            all.addAll(jsonLd.toRdf(graph).statements());
        }
        return CanonicalLiterals.of(all);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
