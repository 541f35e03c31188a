package io.recast.kg.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.ContextAwareUpcaster;
import io.recast.engine.upcast.UpcastContext;
import java.util.List;
import java.util.Set;

/**
 * {@code FileCreated} 1.0 to 1.1: gains the {@code organization} of its project and the reference of the default disk
 * storage ({@code {"id": "nxv:diskStorageDefault", "rev": 1}}); in its {@code attributes}, {@code filePath} becomes
 * {@code location} ({@code file://<volume>/<path>}, with the volume of the project's storage) and {@code path}, and
 * the digest {@code "SHA-256:<hex>"} becomes {@code {"algorithm": "SHA-256", "value": "<hex>"}}. Tags:
 * {@code org=<uuid>} is added.
 */
public final class FileCreated_1_0_to_1_1 extends ContextAwareUpcaster {

    /** The fields of v1.1 {@code FileCreated} and {@code FileUpdated}, in the service's order. */
    static final List<String> FIELDS = List.of("id", "project", "organization", "storage", "attributes", "rev",
            "instant", "subject");

    /** The id of the storage that v1.1 gives every file. */
    static final String DEFAULT_STORAGE_ID = "nxv:diskStorageDefault";

    /** The revision of that storage. */
    static final long DEFAULT_STORAGE_REV = 1;

    private static final List<String> ATTRIBUTE_FIELDS = List.of("uuid", "location", "path", "filename", "mediaType",
            "bytes", "digest");

    /** Creates the upcaster; it is stateless. */
    public FileCreated_1_0_to_1_1() {
        super(KgEventTypes.v1_0("FileCreated"), KgEventTypes.V1_1);
    }

    @Override
    protected ObjectNode upcastPayload(ObjectNode payload, StoredEvent event, UpcastContext context) {
        return reshape(payload, context);
    }

    @Override
    protected Set<String> upcastTags(Set<String> tags, ObjectNode upcastPayload, StoredEvent event,
            UpcastContext context) {
        return V1_1Shape.tags(tags, upcastPayload.get("organization").asText());
    }

    /** The v1.1 payload of a v1.0 file event; {@code FileCreated} and {@code FileUpdated} change alike. */
    static ObjectNode reshape(ObjectNode payload, UpcastContext context) {
        String organization = V1_1Shape.project(payload, context).organizationUuid();
        String volume = V1_1Shape.volume(payload, context);
        payload.put("organization", organization);
        payload.putObject("storage").put("id", DEFAULT_STORAGE_ID).put("rev", DEFAULT_STORAGE_REV);
        payload.set("attributes", attributes(Fields.object(payload, "attributes"), volume));
        return Fields.ordered(payload, FIELDS);
    }

    private static ObjectNode attributes(ObjectNode attributes, String volume) {
        String path = Fields.text(attributes, "filePath");
        String digest = Fields.text(attributes, "digest");
        attributes.remove("filePath");
        attributes.put("location", "file://" + (volume.endsWith("/") ? volume : volume + "/") + path);
        attributes.put("path", path);
        // as v1.1 reads it: the algorithm before the first colon, the value after it
        int colon = digest.indexOf(':');
        attributes.putObject("digest")
                .put("algorithm", digest.substring(0, Math.max(colon, 0)))
                .put("value", digest.substring(colon + 1));
        return Fields.ordered(attributes, ATTRIBUTE_FIELDS);
    }
}
