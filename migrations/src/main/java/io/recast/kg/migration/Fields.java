package io.recast.kg.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.MalformedPayloadException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and ordering the fields of a payload. */
final class Fields {

    private Fields() {
    }

    /**
     * A required text field.
     *
     * @throws MalformedPayloadException if it is missing or not a string, so that the event is quarantined
     */
    static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedPayloadException("the field '" + field + "' is " + (value == null ? "missing"
                    : "not a string but " + value.getNodeType()), null);
        }
        return value.asText();
    }

    /**
     * A required object field.
     *
     * @throws MalformedPayloadException if it is missing or not an object
     */
    static ObjectNode object(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null || !value.isObject()) {
            throw new MalformedPayloadException("the field '" + field + "' is " + (value == null ? "missing"
                    : "not an object but " + value.getNodeType()), null);
        }
        return (ObjectNode) value;
    }

    /**
     * The same fields, those named first in the order given (the order in which the service's Jackson serializer
     * writes the v1.1 record), then any others in their order. Only the order changes, not the content.
     */
    static ObjectNode ordered(ObjectNode payload, List<String> order) {
        // one map, sized for every field, filled directly: a field already placed keeps its place
        Map<String, JsonNode> fields = new LinkedHashMap<>(Math.max(16, (int) (payload.size() / 0.75f) + 1));
        for (String field : order) {
            JsonNode value = payload.get(field);
            if (value != null) {
                fields.put(field, value);
            }
        }
        for (Map.Entry<String, JsonNode> field : payload.properties()) {
            fields.putIfAbsent(field.getKey(), field.getValue());
        }
        return new ObjectNode(JsonNodeFactory.instance, fields);
    }
}
