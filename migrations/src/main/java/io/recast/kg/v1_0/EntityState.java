package io.recast.kg.v1_0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.kg.JsonEvent;
import java.util.List;
import java.util.Map;

/**
 * The current state of one entity of the v1.0 service, whatever its kind.
 *
 * @param kind       {@code organizations}, {@code projects}, {@code resources}, {@code files}, {@code storages}, {@code views}
 * @param id         the entity's IRI (or UUID for organizations and projects); empty before creation
 * @param project    the project UUID of project-scoped entities, else empty
 * @param rev        the revision, 0 before creation
 * @param deprecated whether deprecated
 * @param types      the resource's types
 * @param source     the resource's JSON-LD source (empty object for other kinds)
 * @param tags       tag name to tagged revision
 * @param data       kind-specific fields (label, base, vocab, file attributes, volume, view kind...)
 * @param created    instant of the first event
 * @param updated    instant of the last event that changed the revision
 */
public record EntityState(String kind, String id, String project, long rev, boolean deprecated, List<String> types,
                          JsonNode source, Map<String, Long> tags, ObjectNode data, String created, String updated)
        implements JsonEvent {

    public EntityState {
        types = List.copyOf(types);
        tags = Map.copyOf(tags);
    }

    /** The state before the first event. */
    public static EntityState initial(String kind) {
        return new EntityState(kind, "", "", 0, false, List.of(), JsonNodeFactory.instance.objectNode(), Map.of(),
                JsonNodeFactory.instance.objectNode(), "", "");
    }

    /** Whether the entity was created. */
    public boolean exists() {
        return rev > 0;
    }
}
