package io.recast.kg.v1_1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.kg.KgCommand;
import io.recast.kg.ProjectDirectory;
import io.recast.kg.ProjectDirectory.ProjectInfo;
import io.recast.kg.RejectedCommand;
import io.recast.kg.Vocabulary;
import io.recast.kg.v1_1.KgEvent.Digest;
import io.recast.kg.v1_1.KgEvent.ElasticSearchViewCreated;
import io.recast.kg.v1_1.KgEvent.FileAttributes;
import io.recast.kg.v1_1.KgEvent.FileCreated;
import io.recast.kg.v1_1.KgEvent.FileUpdated;
import io.recast.kg.v1_1.KgEvent.OrganizationCreated;
import io.recast.kg.v1_1.KgEvent.ProjectCreated;
import io.recast.kg.v1_1.KgEvent.ResourceCreated;
import io.recast.kg.v1_1.KgEvent.ResourceDeprecated;
import io.recast.kg.v1_1.KgEvent.ResourceTagAdded;
import io.recast.kg.v1_1.KgEvent.ResourceUpdated;
import io.recast.kg.v1_1.KgEvent.SparqlViewCreated;
import io.recast.kg.v1_1.KgEvent.StorageCreated;
import io.recast.kg.v1_1.KgEvent.StorageReference;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure v1.1 domain. {@link #decide} answers the same commands as v1.0 with v1.1 events (a create-and-tag gives
 * two events, a refresh none); {@link #evolve} folds them; {@link #tags} tags them.
 */
public final class Domain {

    /** The defaults that v1.1 gives a disk storage. */
    public static final String DISK_STORAGE = "DiskStorage";
    public static final String READ_PERMISSION = "resources/read";
    public static final String WRITE_PERMISSION = "files/write";
    public static final long MAX_FILE_SIZE = 10_737_418_240L;
    /** The storage reference that v1.1 gives every file. */
    public static final StorageReference DEFAULT_STORAGE = new StorageReference("nxv:diskStorageDefault", 1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Domain() {
    }

    /** The events that an accepted command yields (none for the legacy refresh). */
    public static List<KgEvent> decide(EntityState s, KgCommand command, ProjectDirectory projects) {
        if (command instanceof KgCommand.CreateOrganization c) {
            requireNew(s, c);
            return List.of(new OrganizationCreated(c.entityId(), c.label(), c.description(), 1, c.instant(), c.subject()));
        }
        if (command instanceof KgCommand.CreateProject c) {
            requireNew(s, c);
            return List.of(new ProjectCreated(c.entityId(), c.label(), c.organizationUuid(), c.organizationLabel(),
                    c.description(), c.base(), c.vocab(), 1, c.instant(), c.subject()));
        }
        if (command instanceof KgCommand.CreateResource c) {
            requireNew(s, c);
            ProjectInfo project = project(projects, c.project(), c);
            List<String> types = withoutAlpha(c.types());
            ResourceCreated created = new ResourceCreated(c.id(), c.project(), project.organizationUuid(), c.schema(),
                    types, normalizeSource(c.source(), project), 1, c.instant(), c.subject());
            if (c.tag() == null) {
                return List.of(created);
            }
            return List.of(created, new ResourceTagAdded(c.id(), c.project(), project.organizationUuid(), types, 1,
                    c.tag(), 2, c.instant(), c.subject()));
        }
        if (command instanceof KgCommand.UpdateResource c) {
            requireRev(s, c, c.expectedRev());
            ProjectInfo project = project(projects, s.project(), c);
            return List.of(new ResourceUpdated(s.id(), s.project(), s.organization(), withoutAlpha(c.types()),
                    normalizeSource(c.source(), project), s.rev() + 1, c.instant(), c.subject()));
        }
        if (command instanceof KgCommand.TagResource c) {
            requireRev(s, c, c.expectedRev());
            if (c.targetRev() < 1 || c.targetRev() > s.rev()) {
                throw new RejectedCommand(c, "target revision " + c.targetRev() + " does not exist");
            }
            return List.of(new ResourceTagAdded(s.id(), s.project(), s.organization(), s.types(), c.targetRev(),
                    c.tag(), s.rev() + 1, c.instant(), c.subject()));
        }
        if (command instanceof KgCommand.DeprecateResource c) {
            requireRev(s, c, c.expectedRev());
            return List.of(new ResourceDeprecated(s.id(), s.project(), s.organization(), s.types(), s.rev() + 1,
                    c.instant(), c.subject()));
        }
        if (command instanceof KgCommand.RefreshResource c) {
            requireExisting(s, c);
            return List.of();
        }
        if (command instanceof KgCommand.CreateFile c) {
            requireNew(s, c);
            ProjectInfo project = project(projects, c.project(), c);
            return List.of(new FileCreated(c.id(), c.project(), project.organizationUuid(), DEFAULT_STORAGE,
                    fileAttributes(c.attributes(), project), 1, c.instant(), c.subject()));
        }
        if (command instanceof KgCommand.UpdateFile c) {
            requireRev(s, c, c.expectedRev());
            ProjectInfo project = project(projects, s.project(), c);
            return List.of(new FileUpdated(s.id(), s.project(), s.organization(), DEFAULT_STORAGE,
                    fileAttributes(c.attributes(), project), s.rev() + 1, c.instant(), c.subject()));
        }
        if (command instanceof KgCommand.CreateStorage c) {
            requireNew(s, c);
            ProjectInfo project = project(projects, c.project(), c);
            return List.of(new StorageCreated(c.id(), c.project(), project.organizationUuid(), DISK_STORAGE, c.volume(),
                    READ_PERMISSION, WRITE_PERMISSION, MAX_FILE_SIZE, 1, c.instant(), c.subject()));
        }
        if (command instanceof KgCommand.CreateView c) {
            requireNew(s, c);
            ProjectInfo project = project(projects, c.project(), c);
            if ("ElasticSearch".equals(c.viewKind())) {
                return List.of(new ElasticSearchViewCreated(c.id(), c.project(), project.organizationUuid(),
                        c.entityId(), true, List.of(), List.of(), true, 1, c.instant(), c.subject()));
            }
            return List.of(new SparqlViewCreated(c.id(), c.project(), project.organizationUuid(), c.entityId(), true,
                    List.of(), List.of(), false, 1, c.instant(), c.subject()));
        }
        throw new RejectedCommand(command, "unknown command");
    }

    /** The state after an event. */
    public static EntityState evolve(EntityState s, KgEvent event) {
        ObjectNode data = s.data().deepCopy();
        Map<String, Long> tags = new HashMap<>(s.tags());
        if (event instanceof OrganizationCreated e) {
            data.put("label", e.label()).put("description", e.description());
            return created(s, e.id(), "", "", List.of(), s.source(), tags, data, e.rev(), e.instant());
        }
        if (event instanceof ProjectCreated e) {
            data.put("label", e.label()).put("organizationUuid", e.organizationUuid())
                    .put("organizationLabel", e.organizationLabel()).put("description", e.description())
                    .put("base", e.base()).put("vocab", e.vocab());
            return created(s, e.id(), "", "", List.of(), s.source(), tags, data, e.rev(), e.instant());
        }
        if (event instanceof ResourceCreated e) {
            data.put("schema", e.schema());
            return created(s, e.id(), e.project(), e.organization(), e.types(), e.source(), tags, data, e.rev(),
                    e.instant());
        }
        if (event instanceof ResourceUpdated e) {
            return updated(s, e.types(), e.source(), tags, data, false, e.rev(), e.instant());
        }
        if (event instanceof ResourceTagAdded e) {
            tags.put(e.tag(), e.targetRev());
            return updated(s, s.types(), s.source(), tags, data, false, e.rev(), e.instant());
        }
        if (event instanceof ResourceDeprecated e) {
            return updated(s, s.types(), s.source(), tags, data, true, e.rev(), e.instant());
        }
        if (event instanceof FileCreated e) {
            data.set("attributes", JSON.valueToTree(e.attributes()));
            data.set("storage", JSON.valueToTree(e.storage()));
            return created(s, e.id(), e.project(), e.organization(), List.of(), s.source(), tags, data, e.rev(),
                    e.instant());
        }
        if (event instanceof FileUpdated e) {
            data.set("attributes", JSON.valueToTree(e.attributes()));
            data.set("storage", JSON.valueToTree(e.storage()));
            return updated(s, s.types(), s.source(), tags, data, false, e.rev(), e.instant());
        }
        if (event instanceof StorageCreated e) {
            data.put("@type", e.type()).put("volume", e.volume()).put("readPermission", e.readPermission())
                    .put("writePermission", e.writePermission()).put("maxFileSize", e.maxFileSize());
            return created(s, e.id(), e.project(), e.organization(), List.of(), s.source(), tags, data, e.rev(),
                    e.instant());
        }
        if (event instanceof ElasticSearchViewCreated e) {
            view(data, "ElasticSearchView", e.uuid(), e.includeMetadata(), e.resourceSchemas(), e.resourceTypes(),
                    e.sourceAsText());
            return created(s, e.id(), e.project(), e.organization(), List.of(), s.source(), tags, data, e.rev(),
                    e.instant());
        }
        if (event instanceof SparqlViewCreated e) {
            view(data, "SparqlView", e.uuid(), e.includeMetadata(), e.resourceSchemas(), e.resourceTypes(),
                    e.sourceAsText());
            return created(s, e.id(), e.project(), e.organization(), List.of(), s.source(), tags, data, e.rev(),
                    e.instant());
        }
        throw new IllegalArgumentException("Unknown v1.1 event " + event.getClass().getName());
    }

    /** The journal tags of a v1.1 event: v1.0's without {@code type=nxv:Alpha}, plus {@code org=<uuid>}. */
    public static Set<String> tags(KgEvent event) {
        Set<String> tags = new LinkedHashSet<>();
        if (event instanceof OrganizationCreated) {
            tags.add("organization");
        } else if (event instanceof ProjectCreated) {
            tags.add("project");
        } else if (event instanceof ResourceCreated e) {
            resourceTags(tags, e.project(), e.organization(), e.types());
        } else if (event instanceof ResourceUpdated e) {
            resourceTags(tags, e.project(), e.organization(), e.types());
        } else if (event instanceof ResourceTagAdded e) {
            resourceTags(tags, e.project(), e.organization(), e.types());
        } else if (event instanceof ResourceDeprecated e) {
            resourceTags(tags, e.project(), e.organization(), e.types());
        } else if (event instanceof FileCreated e) {
            scoped(tags, "file", e.project(), e.organization());
        } else if (event instanceof FileUpdated e) {
            scoped(tags, "file", e.project(), e.organization());
        } else if (event instanceof StorageCreated e) {
            scoped(tags, "storage", e.project(), e.organization());
        } else if (event instanceof ElasticSearchViewCreated e) {
            scoped(tags, "view", e.project(), e.organization());
        } else if (event instanceof SparqlViewCreated e) {
            scoped(tags, "view", e.project(), e.organization());
        }
        return tags;
    }

    /** The types without {@code nxv:Alpha}. */
    public static List<String> withoutAlpha(List<String> types) {
        return types.stream().filter(type -> !Vocabulary.ALPHA.equals(type)).toList();
    }

    /** The source without {@code nxv:Alpha} in {@code @type}, and an empty {@code @context} given base and vocab. */
    public static JsonNode normalizeSource(JsonNode source, ProjectInfo project) {
        ObjectNode copy = source.deepCopy();
        JsonNode type = copy.get("@type");
        if (type instanceof ArrayNode array) {
            ArrayNode kept = copy.putArray("@type");
            array.forEach(t -> {
                if (!Vocabulary.ALPHA.equals(t.asText())) {
                    kept.add(t);
                }
            });
        } else if (type != null && Vocabulary.ALPHA.equals(type.asText())) {
            copy.putArray("@type");
        }
        JsonNode context = copy.get("@context");
        if (context == null || (context.isObject() && context.isEmpty())) {
            copy.putObject("@context").put("@base", project.base()).put("@vocab", project.vocab());
        }
        return copy;
    }

    /** v1.0 file attributes in the v1.1 shape. */
    public static FileAttributes fileAttributes(io.recast.kg.v1_0.KgEvent.FileAttributes a, ProjectInfo project) {
        String digest = a.digest();
        int colon = digest.indexOf(':');
        return new FileAttributes(a.uuid(), location(project.volume(), a.filePath()), a.filePath(), a.filename(),
                a.mediaType(), a.bytes(), new Digest(digest.substring(0, Math.max(colon, 0)), digest.substring(colon + 1)));
    }

    /** {@code file://<volume>/<path>}. */
    public static String location(String volume, String path) {
        return "file://" + (volume.endsWith("/") ? volume : volume + "/") + path;
    }

    private static void view(ObjectNode data, String type, String uuid, boolean includeMetadata, List<String> schemas,
                             List<String> types, boolean sourceAsText) {
        data.put("@type", type).put("uuid", uuid).put("includeMetadata", includeMetadata)
                .put("sourceAsText", sourceAsText);
        data.set("resourceSchemas", JSON.valueToTree(schemas));
        data.set("resourceTypes", JSON.valueToTree(types));
    }

    private static void resourceTags(Set<String> tags, String project, String organization, List<String> types) {
        tags.add("resource");
        tags.add(Vocabulary.projectTag(project));
        tags.add(Vocabulary.orgTag(organization));
        types.forEach(type -> tags.add(Vocabulary.typeTag(type)));
    }

    private static void scoped(Set<String> tags, String kind, String project, String organization) {
        tags.add(kind);
        tags.add(Vocabulary.projectTag(project));
        tags.add(Vocabulary.orgTag(organization));
    }

    private static EntityState created(EntityState s, String id, String project, String organization,
                                       List<String> types, JsonNode source, Map<String, Long> tags, ObjectNode data,
                                       long rev, String instant) {
        return new EntityState(s.kind(), id, project, organization, rev, false, types, source, tags, data, instant,
                instant);
    }

    private static EntityState updated(EntityState s, List<String> types, JsonNode source, Map<String, Long> tags,
                                       ObjectNode data, boolean deprecated, long rev, String instant) {
        return new EntityState(s.kind(), s.id(), s.project(), s.organization(), rev, deprecated || s.deprecated(),
                types, source, tags, data, s.created(), instant);
    }

    private static ProjectInfo project(ProjectDirectory projects, String uuid, KgCommand command) {
        return projects.project(uuid).orElseThrow(() -> new RejectedCommand(command, "project " + uuid
                + " does not exist"));
    }

    private static void requireNew(EntityState state, KgCommand command) {
        if (state.exists()) {
            throw new RejectedCommand(command, "the entity already exists at revision " + state.rev());
        }
    }

    private static void requireExisting(EntityState state, KgCommand command) {
        if (!state.exists()) {
            throw new RejectedCommand(command, "the entity does not exist");
        }
        if (state.deprecated()) {
            throw new RejectedCommand(command, "the entity is deprecated");
        }
    }

    private static void requireRev(EntityState state, KgCommand command, long expectedRev) {
        requireExisting(state, command);
        if (state.rev() != expectedRev) {
            throw new RejectedCommand(command, "expected revision " + expectedRev + " but the entity is at "
                    + state.rev());
        }
    }
}
