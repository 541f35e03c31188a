package io.recast.engine.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

    private static List<String> diff(String expected, String actual) {
        return JsonDiff.differences(JsonDiff.parse(expected, "expected"), JsonDiff.parse(actual, "actual"));
    }

    @Test
    void ignoresFieldOrder() {
        assertEquals(List.of(), diff("{\"a\":1,\"b\":{\"c\":2,\"d\":3}}", "{\"b\":{\"d\":3,\"c\":2},\"a\":1}"));
    }

    @Test
    void comparesNumbersByValue() {
        assertEquals(List.of(), diff("{\"a\":1,\"b\":2.50,\"c\":10000000000}", "{\"a\":1.0,\"b\":2.5,\"c\":1E10}"));
        assertEquals(List.of("$.a: expected 1 but was 2"), diff("{\"a\":1}", "{\"a\":2}"));
    }

    @Test
    void namesNestedPaths() {
        assertEquals(List.of("$.a.b[1].c: expected \"x\" but was \"y\""),
                diff("{\"a\":{\"b\":[{},{\"c\":\"x\"}]}}", "{\"a\":{\"b\":[{},{\"c\":\"y\"}]}}"));
    }

    @Test
    void reportsMissingAndUnexpectedFields() {
        assertEquals(List.of("$.currency: expected \"EUR\" but was missing", "$.amount: unexpected, was 3"),
                diff("{\"total\":3,\"currency\":\"EUR\"}", "{\"total\":3,\"amount\":3}"));
    }

    @Test
    void reportsArraysOfDifferentLength() {
        assertEquals(List.of("$[2]: expected 3 but was missing"), diff("[1,2,3]", "[1,2]"));
        assertEquals(List.of("$[1]: unexpected, was 2"), diff("[1]", "[1,2]"));
    }

    @Test
    void reportsValuesOfAnotherType() {
        assertEquals(List.of("$.a: expected \"1\" but was 1"), diff("{\"a\":\"1\"}", "{\"a\":1}"));
        assertEquals(List.of("$.a: expected null but was {}"), diff("{\"a\":null}", "{\"a\":{}}"));
    }

    @Test
    void quotesFieldNamesThatAreNotIdentifiers() {
        assertEquals(List.of("$['@id']: expected \"x\" but was missing"), diff("{\"@id\":\"x\"}", "{}"));
    }

    @Test
    void prettyPrintsWithSortedFields() {
        String pretty = JsonDiff.pretty(JsonDiff.parse("{\"b\":1,\"a\":2}", "json"));

        assertTrue(pretty.indexOf("\"a\"") < pretty.indexOf("\"b\""), pretty);
        assertTrue(pretty.contains("\n"), pretty);
    }

    @Test
    void rejectsTestJsonThatIsNotJsonSayingWhichJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonDiff.parse("{\"a\":", "The expected JSON of A@1.1"));

        assertTrue(e.getMessage().startsWith("The expected JSON of A@1.1 is not valid JSON"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonDiff.parse("", "empty"));
    }
}
