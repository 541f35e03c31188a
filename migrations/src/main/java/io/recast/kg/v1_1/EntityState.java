package io.recast.kg.v1_1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.kg.JsonEvent;
import java.util.List;
import java.util.Map;

/**
 * The current state of one entity of the v1.1 service; as in v1.0 plus the {@code organization} of project-scoped
 * entities.
 */
public record EntityState(String kind, String id, String project, String organization, long rev, boolean deprecated,
                          List<String> types, JsonNode source, Map<String, Long> tags, ObjectNode data,
                          String created, String updated) implements JsonEvent {

    public EntityState {
        types = List.copyOf(types);
        tags = Map.copyOf(tags);
    }

    public static EntityState initial(String kind) {
        return new EntityState(kind, "", "", "", 0, false, List.of(), JsonNodeFactory.instance.objectNode(), Map.of(),
                JsonNodeFactory.instance.objectNode(), "", "");
    }

    public boolean exists() {
        return rev > 0;
    }
}
