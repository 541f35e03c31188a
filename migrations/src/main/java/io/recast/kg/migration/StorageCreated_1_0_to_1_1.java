package io.recast.kg.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.ContextAwareUpcaster;
import io.recast.engine.upcast.UpcastContext;
import java.util.List;
import java.util.Set;

/**
 * {@code StorageCreated} 1.0 to 1.1: gains the {@code organization} of its project and the defaults that v1.1 gives a
 * disk storage: {@code "@type": "DiskStorage"}, {@code readPermission}, {@code writePermission} and
 * {@code maxFileSize}. Tags: {@code org=<uuid>} is added.
 */
public final class StorageCreated_1_0_to_1_1 extends ContextAwareUpcaster {

    /** The type of every v1.0 storage. */
    static final String DISK_STORAGE = "DiskStorage";

    /** The permission to read a v1.0 storage's files. */
    static final String READ_PERMISSION = "resources/read";

    /** The permission to write them. */
    static final String WRITE_PERMISSION = "files/write";

    /** The largest file a v1.0 storage takes, in bytes (10 GiB). */
    static final long MAX_FILE_SIZE = 10_737_418_240L;

    /** Jackson writes the record component renamed to {@code @type} after the others. */
    private static final List<String> FIELDS = List.of("id", "project", "organization", "volume", "readPermission",
            "writePermission", "maxFileSize", "rev", "instant", "subject", "@type");

    /** Creates the upcaster; it is stateless. */
    public StorageCreated_1_0_to_1_1() {
        super(KgEventTypes.v1_0("StorageCreated"), KgEventTypes.V1_1);
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload, StoredEvent event, UpcastContext context) {
        payload.put("organization", V1_1Shape.project(payload, context).organizationUuid());
        payload.put("@type", DISK_STORAGE);
        payload.put("readPermission", READ_PERMISSION);
        payload.put("writePermission", WRITE_PERMISSION);
        payload.put("maxFileSize", MAX_FILE_SIZE);
        return Fields.ordered(payload, FIELDS);
    }

    @Override
    protected Set<String> upcastTags(Set<String> tags, ObjectNode upcastPayload, StoredEvent event,
            UpcastContext context) {
        return V1_1Shape.tags(tags, upcastPayload.get("organization").asText());
    }
}
