package io.recast.kg.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.ContextAwareUpcaster;
import io.recast.engine.upcast.UpcastContext;
import io.recast.kg.migration.KnowledgeGraphContext.ProjectFacts;
import java.util.List;
import java.util.Set;

/**
 * {@code ResourceUpdated} 1.0 to 1.1: gains the {@code organization} of its project; {@code nxv:Alpha} leaves its
 * {@code types} and its source's {@code @type}; an empty source {@code @context} receives the project's
 * {@code @base} and {@code @vocab}. Tags: {@code type=nxv:Alpha} is removed, {@code org=<uuid>} added.
 */
public final class ResourceUpdated_1_0_to_1_1 extends ContextAwareUpcaster {

    private static final List<String> FIELDS = List.of("id", "project", "organization", "types", "source", "rev",
            "instant", "subject");

    /** Creates the upcaster; it is stateless. */
    public ResourceUpdated_1_0_to_1_1() {
        super(KgEventTypes.v1_0("ResourceUpdated"), KgEventTypes.V1_1);
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload, StoredEvent event, UpcastContext context) {
        ProjectFacts project = V1_1Shape.project(payload, context);
        payload.put("organization", project.organizationUuid());
        V1_1Shape.removeAlphaFromTypes(payload);
        V1_1Shape.normalizeSource(payload, project);
        return Fields.ordered(payload, FIELDS);
    }

    @Override
    protected Set<String> upcastTags(Set<String> tags, ObjectNode upcastPayload, StoredEvent event,
            UpcastContext context) {
        return V1_1Shape.tags(tags, upcastPayload.get("organization").asText());
    }
}
