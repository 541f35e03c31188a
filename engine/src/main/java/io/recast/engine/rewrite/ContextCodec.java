package io.recast.engine.rewrite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.upcast.ContextKey;
import io.recast.engine.upcast.MutableUpcastContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Saves a context as JSON and reads it back: {@code {"<key name>": {"type": "<class>", "values": {"<id>": value}}}}.
 * Values must be Jackson-serializable (records, strings, maps...).
 */
public final class ContextCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContextCodec() {
    }

    /**
     * Writes a context's entries.
     *
     * @throws IllegalArgumentException if two keys share a name (the saved form keeps keys by name, so one would
     *     silently replace the other and a resumed run would miss its entries)
     */
    public static byte[] encode(Map<ContextKey<?>, Map<String, Object>> entries) {
        ObjectNode root = JSON.createObjectNode();
        entries.forEach((key, values) -> {
            JsonNode other = root.get(key.name());
            if (other != null) {
                throw new IllegalArgumentException("Two context keys are named '" + key.name() + "' ("
                        + other.get("type").asText() + " and " + key.type().getName() + "); the saved context"
                        + " keeps keys by name: give each ContextKey its own name");
            }
            ObjectNode node = root.putObject(key.name());
            node.put("type", key.type().getName());
            ObjectNode valueNodes = node.putObject("values");
            values.forEach((id, value) -> valueNodes.set(id, JSON.valueToTree(value)));
        });
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MutableUpcastContext decode(byte[] bytes, ClassLoader classLoader) {
        MutableUpcastContext context = new MutableUpcastContext();
        try {
            JsonNode root = JSON.readTree(bytes);
            for (Iterator<Map.Entry<String, JsonNode>> keys = root.fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                Class<?> type = Class.forName(key.getValue().get("type").asText(), true, classLoader);
                put(context, key.getKey(), type, key.getValue().get("values"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The saved context is not readable JSON", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The saved context holds values of a class that is no longer on the "
                    + "classpath (" + e.getMessage() + "): run the migration with the same upcasters", e);
        }
        return context;
    }

    private static <T> void put(MutableUpcastContext context, String name, Class<T> type, JsonNode values)
            throws IOException {
        ContextKey<T> key = new ContextKey<>(name, type);
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            context.put(key, entry.getKey(), JSON.treeToValue(entry.getValue(), type));
        }
    }
}
