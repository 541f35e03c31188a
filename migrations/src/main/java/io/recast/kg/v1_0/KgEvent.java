package io.recast.kg.v1_0;

import com.fasterxml.jackson.databind.JsonNode;
import io.recast.kg.JsonEvent;
import java.util.List;

/**
 * The v1.0 events, as the legacy service writes them. {@code instant} is an ISO-8601 string and {@code subject} the
 * caller; ids of resources, files, storages and views are IRIs, organizations and projects have UUIDs.
 */
public sealed interface KgEvent extends JsonEvent {

    /** The IRI or UUID of the entity. */
    String id();

    /** The entity's revision after this event. */
    long rev();

    record OrganizationCreated(String id, String label, String description, long rev, String instant,
                               String subject) implements KgEvent {
    }

    record ProjectCreated(String id, String label, String organizationUuid, String organizationLabel,
                          String description, String base, String vocab, long rev, String instant,
                          String subject) implements KgEvent {
    }

    record ResourceCreated(String id, String project, String schema, List<String> types, JsonNode source, long rev,
                           String instant, String subject) implements KgEvent {
    }

    record ResourceUpdated(String id, String project, List<String> types, JsonNode source, long rev, String instant,
                           String subject) implements KgEvent {
    }

    record ResourceTagAdded(String id, String project, List<String> types, long targetRev, String tag, long rev,
                            String instant, String subject) implements KgEvent {
    }

    record ResourceDeprecated(String id, String project, List<String> types, long rev, String instant,
                              String subject) implements KgEvent {
    }

    /** Legacy: a creation and a tag of revision 1 in one event (rev 2); v1.1 splits it in two. */
    record ResourceCreatedAndTagged(String id, String project, String schema, List<String> types, JsonNode source,
                                    String tag, long rev, String instant, String subject) implements KgEvent {
    }

    /** Legacy no-op: asked the service to recompute attributes; v1.1 drops it. The revision does not change. */
    record ResourceAttributesRefreshed(String id, String project, long rev, String instant, String subject)
            implements KgEvent {
    }

    /**
     * The attributes of a stored file. {@code digest} is {@code "SHA-256:<hex>"} and {@code filePath} the path
     * relative to the storage volume.
     */
    record FileAttributes(String uuid, String filePath, String filename, String mediaType, long bytes,
                          String digest) {
    }

    record FileCreated(String id, String project, FileAttributes attributes, long rev, String instant,
                       String subject) implements KgEvent {
    }

    record FileUpdated(String id, String project, FileAttributes attributes, long rev, String instant,
                       String subject) implements KgEvent {
    }

    record StorageCreated(String id, String project, String volume, long rev, String instant, String subject)
            implements KgEvent {
    }

    /** A default view; {@code kind} is {@code ElasticSearch} or {@code Sparql}. */
    record ViewCreated(String id, String project, String kind, String uuid, boolean includeMetadata, long rev,
                       String instant, String subject) implements KgEvent {
    }
}
