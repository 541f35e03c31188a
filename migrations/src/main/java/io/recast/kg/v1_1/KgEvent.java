package io.recast.kg.v1_1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.recast.kg.JsonEvent;
import java.util.List;

/**
 * The v1.1 events. Against v1.0: project-scoped events carry their {@code organization}; the type {@code nxv:Alpha}
 * is gone; files have a {@code location}, a {@code path}, a {@code storage} reference and a structured digest;
 * storages have their defaults; views are typed by kind; the legacy create-and-tag and refresh events are gone.
 */
public sealed interface KgEvent extends JsonEvent {

    String id();

    long rev();

    record OrganizationCreated(String id, String label, String description, long rev, String instant,
                               String subject) implements KgEvent {
    }

    record ProjectCreated(String id, String label, String organizationUuid, String organizationLabel,
                          String description, String base, String vocab, long rev, String instant,
                          String subject) implements KgEvent {
    }

    record ResourceCreated(String id, String project, String organization, String schema, List<String> types,
                           JsonNode source, long rev, String instant, String subject) implements KgEvent {
    }

    record ResourceUpdated(String id, String project, String organization, List<String> types, JsonNode source,
                           long rev, String instant, String subject) implements KgEvent {
    }

    record ResourceTagAdded(String id, String project, String organization, List<String> types, long targetRev,
                            String tag, long rev, String instant, String subject) implements KgEvent {
    }

    record ResourceDeprecated(String id, String project, String organization, List<String> types, long rev,
                              String instant, String subject) implements KgEvent {
    }

    record Digest(String algorithm, String value) {
    }

    record StorageReference(String id, long rev) {
    }

    /** {@code location} is {@code file://<volume>/<path>}; {@code path} is relative to the volume. */
    record FileAttributes(String uuid, String location, String path, String filename, String mediaType, long bytes,
                          Digest digest) {
    }

    record FileCreated(String id, String project, String organization, StorageReference storage,
                       FileAttributes attributes, long rev, String instant, String subject) implements KgEvent {
    }

    record FileUpdated(String id, String project, String organization, StorageReference storage,
                       FileAttributes attributes, long rev, String instant, String subject) implements KgEvent {
    }

    record StorageCreated(String id, String project, String organization, @JsonProperty("@type") String type,
                          String volume, String readPermission, String writePermission, long maxFileSize, long rev,
                          String instant, String subject) implements KgEvent {
    }

    record ElasticSearchViewCreated(String id, String project, String organization, String uuid,
                                    boolean includeMetadata, List<String> resourceSchemas, List<String> resourceTypes,
                                    boolean sourceAsText, long rev, String instant, String subject)
            implements KgEvent {
    }

    record SparqlViewCreated(String id, String project, String organization, String uuid, boolean includeMetadata,
                             List<String> resourceSchemas, List<String> resourceTypes, boolean sourceAsText, long rev,
                             String instant, String subject) implements KgEvent {
    }
}
