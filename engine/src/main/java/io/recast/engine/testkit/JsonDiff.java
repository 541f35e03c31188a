package io.recast.engine.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Compares JSON trees by value and names the paths where they differ. */
final class JsonDiff {

    private static final Pattern SIMPLE_FIELD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private JsonDiff() {
    }

    /** Parses JSON written in a test. */
    static JsonNode parse(String json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(what + " is empty; write the JSON of the payload");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Pretty-prints with fields sorted, so that expected and actual line up. */
    static String pretty(JsonNode json) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The differences, one line per path, such as {@code $.total: expected 10 but was 12}. Empty when the
     * trees are equal; field order and the written form of numbers ({@code 1.0} and {@code 1}) do not count.
     */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("$", expected, actual, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(path + ": expected " + expected + " but was " + actual);
            }
        } else if (expected.getNodeType() != actual.getNodeType()) {
            out.add(path + ": expected " + expected + " but was " + actual);
        } else if (expected.isObject()) {
            compareObjects(path, expected, actual, out);
        } else if (expected.isArray()) {
            compareArrays(path, expected, actual, out);
        } else if (!expected.equals(actual)) {
            out.add(path + ": expected " + expected + " but was " + actual);
        }
    }

    private static void compareObjects(String path, JsonNode expected, JsonNode actual, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String child = field(path, field.getKey());
            JsonNode other = actual.get(field.getKey());
            if (other == null) {
                out.add(child + ": expected " + field.getValue() + " but was missing");
            } else {
                compare(child, field.getValue(), other, out);
            }
        }
        for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!expected.has(name)) {
                out.add(field(path, name) + ": unexpected, was " + actual.get(name));
            }
        }
    }

    private static void compareArrays(String path, JsonNode expected, JsonNode actual, List<String> out) {
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
        }
        for (int i = common; i < expected.size(); i++) {
            out.add(path + "[" + i + "]: expected " + expected.get(i) + " but was missing");
        }
        for (int i = common; i < actual.size(); i++) {
            out.add(path + "[" + i + "]: unexpected, was " + actual.get(i));
        }
    }

    private static String field(String path, String name) {
        if (SIMPLE_FIELD.matcher(name).matches()) {
            return path + "." + name;
        }
        return path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
