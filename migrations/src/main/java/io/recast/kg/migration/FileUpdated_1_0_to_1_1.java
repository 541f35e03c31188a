package io.recast.kg.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.ContextAwareUpcaster;
import io.recast.engine.upcast.UpcastContext;
import java.util.Set;

/**
 * {@code FileUpdated} 1.0 to 1.1, as {@link FileCreated_1_0_to_1_1}: gains the {@code organization} of its project
 * and the reference of the default disk storage; its {@code attributes} gain {@code location} and {@code path} in
 * place of {@code filePath} and a structured digest. Tags: {@code org=<uuid>} is added.
 */
public final class FileUpdated_1_0_to_1_1 extends ContextAwareUpcaster {

    /** Creates the upcaster; it is stateless. */
    public FileUpdated_1_0_to_1_1() {
        super(KgEventTypes.v1_0("FileUpdated"), KgEventTypes.V1_1);
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload, StoredEvent event, UpcastContext context) {
        return FileCreated_1_0_to_1_1.reshape(payload, context);
    }

    @Override
    protected Set<String> upcastTags(Set<String> tags, ObjectNode upcastPayload, StoredEvent event,
            UpcastContext context) {
        return V1_1Shape.tags(tags, upcastPayload.get("organization").asText());
    }
}
