package io.recast.kg.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.ContextAwareUpcaster;
import io.recast.engine.upcast.UpcastContext;
import java.util.List;
import java.util.Set;

/**
 * {@code ResourceDeprecated} 1.0 to 1.1: gains the {@code organization} of its project; {@code nxv:Alpha} leaves the
 * resource's {@code types} that the event repeats. Tags: {@code type=nxv:Alpha} is removed, {@code org=<uuid>} added.
 */
public final class ResourceDeprecated_1_0_to_1_1 extends ContextAwareUpcaster {

    private static final List<String> FIELDS = List.of("id", "project", "organization", "types", "rev", "instant",
            "subject");

    /** Creates the upcaster; it is stateless. */
    public ResourceDeprecated_1_0_to_1_1() {
        super(KgEventTypes.v1_0("ResourceDeprecated"), KgEventTypes.V1_1);
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload, StoredEvent event, UpcastContext context) {
        payload.put("organization", V1_1Shape.project(payload, context).organizationUuid());
        V1_1Shape.removeAlphaFromTypes(payload);
        return Fields.ordered(payload, FIELDS);
    }

    @Override
    protected Set<String> upcastTags(Set<String> tags, ObjectNode upcastPayload, StoredEvent event,
            UpcastContext context) {
        return V1_1Shape.tags(tags, upcastPayload.get("organization").asText());
    }
}
