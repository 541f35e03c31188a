package io.recast.kg;

import com.fasterxml.jackson.databind.JsonNode;
import io.recast.kg.v1_0.KgEvent;
import java.util.List;

/**
 * What callers ask the v1.0 service to do. Every command names its entity ({@link #entityId()}) and yields exactly
 * one event when accepted. {@code instant} and {@code subject} are given by the caller, so that the same commands
 * always give the same events.
 */
public sealed interface KgCommand extends JsonEvent {

    /** The kind of the target entity: {@code organizations}, {@code projects}, {@code resources}, ... */
    String kind();

    /** The UUID that identifies the target entity within its kind (the persistence id is kind + "-" + this). */
    String entityId();

    String instant();

    String subject();

    /** The persistence id of the target entity. */
    default String persistenceId() {
        return kind() + "-" + entityId();
    }

    record CreateOrganization(String entityId, String label, String description, String instant, String subject)
            implements KgCommand {
        @Override
        public String kind() {
            return "organizations";
        }
    }

    record CreateProject(String entityId, String label, String organizationUuid, String organizationLabel,
                         String description, String base, String vocab, String instant, String subject)
            implements KgCommand {
        @Override
        public String kind() {
            return "projects";
        }
    }

    /** Creates a resource; with a {@code tag}, the legacy combined create-and-tag. */
    record CreateResource(String entityId, String id, String project, String schema, List<String> types,
                          JsonNode source, String tag, String instant, String subject) implements KgCommand {
        @Override
        public String kind() {
            return "resources";
        }
    }

    record UpdateResource(String entityId, long expectedRev, List<String> types, JsonNode source, String instant,
                          String subject) implements KgCommand {
        @Override
        public String kind() {
            return "resources";
        }
    }

    record TagResource(String entityId, long expectedRev, long targetRev, String tag, String instant,
                       String subject) implements KgCommand {
        @Override
        public String kind() {
            return "resources";
        }
    }

    record DeprecateResource(String entityId, long expectedRev, String instant, String subject) implements KgCommand {
        @Override
        public String kind() {
            return "resources";
        }
    }

    record RefreshResource(String entityId, String instant, String subject) implements KgCommand {
        @Override
        public String kind() {
            return "resources";
        }
    }

    record CreateFile(String entityId, String id, String project, KgEvent.FileAttributes attributes, String instant,
                      String subject) implements KgCommand {
        @Override
        public String kind() {
            return "files";
        }
    }

    record UpdateFile(String entityId, long expectedRev, KgEvent.FileAttributes attributes, String instant,
                      String subject) implements KgCommand {
        @Override
        public String kind() {
            return "files";
        }
    }

    record CreateStorage(String entityId, String id, String project, String volume, String instant, String subject)
            implements KgCommand {
        @Override
        public String kind() {
            return "storages";
        }
    }

    record CreateView(String entityId, String id, String project, String viewKind, String instant, String subject)
            implements KgCommand {
        @Override
        public String kind() {
            return "views";
        }
    }
}
