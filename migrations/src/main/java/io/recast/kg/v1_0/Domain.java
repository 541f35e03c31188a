package io.recast.kg.v1_0;

import io.recast.kg.RejectedCommand;
import io.recast.kg.KgCommand;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.kg.Vocabulary;
import io.recast.kg.KgCommand.CreateFile;
import io.recast.kg.KgCommand.CreateOrganization;
import io.recast.kg.KgCommand.CreateProject;
import io.recast.kg.KgCommand.CreateResource;
import io.recast.kg.KgCommand.CreateStorage;
import io.recast.kg.KgCommand.CreateView;
import io.recast.kg.KgCommand.DeprecateResource;
import io.recast.kg.KgCommand.RefreshResource;
import io.recast.kg.KgCommand.TagResource;
import io.recast.kg.KgCommand.UpdateFile;
import io.recast.kg.KgCommand.UpdateResource;
import io.recast.kg.v1_0.KgEvent.FileCreated;
import io.recast.kg.v1_0.KgEvent.FileUpdated;
import io.recast.kg.v1_0.KgEvent.OrganizationCreated;
import io.recast.kg.v1_0.KgEvent.ProjectCreated;
import io.recast.kg.v1_0.KgEvent.ResourceAttributesRefreshed;
import io.recast.kg.v1_0.KgEvent.ResourceCreated;
import io.recast.kg.v1_0.KgEvent.ResourceCreatedAndTagged;
import io.recast.kg.v1_0.KgEvent.ResourceDeprecated;
import io.recast.kg.v1_0.KgEvent.ResourceTagAdded;
import io.recast.kg.v1_0.KgEvent.ResourceUpdated;
import io.recast.kg.v1_0.KgEvent.StorageCreated;
import io.recast.kg.v1_0.KgEvent.ViewCreated;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure v1.0 domain: {@link #decide} turns a command into its event (or rejects it), {@link #evolve} folds an
 * event into the state, {@link #tags} gives the journal tags of an event. The behaviour and the tests share it.
 */
public final class Domain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Domain() {
    }

    /** The one event that an accepted command yields. */
    public static KgEvent decide(EntityState state, KgCommand command) {
        if (command instanceof CreateOrganization c) {
            requireNew(state, c);
            return new OrganizationCreated(c.entityId(), c.label(), c.description(), 1, c.instant(), c.subject());
        }
        if (command instanceof CreateProject c) {
            requireNew(state, c);
            return new ProjectCreated(c.entityId(), c.label(), c.organizationUuid(), c.organizationLabel(),
                    c.description(), c.base(), c.vocab(), 1, c.instant(), c.subject());
        }
        if (command instanceof CreateResource c) {
            requireNew(state, c);
            if (c.tag() != null) {
                return new ResourceCreatedAndTagged(c.id(), c.project(), c.schema(), c.types(), c.source(), c.tag(),
                        2, c.instant(), c.subject());
            }
            return new ResourceCreated(c.id(), c.project(), c.schema(), c.types(), c.source(), 1, c.instant(),
                    c.subject());
        }
        if (command instanceof UpdateResource c) {
            requireRev(state, c, c.expectedRev());
            return new ResourceUpdated(state.id(), state.project(), c.types(), c.source(), state.rev() + 1,
                    c.instant(), c.subject());
        }
        if (command instanceof TagResource c) {
            requireRev(state, c, c.expectedRev());
            if (c.targetRev() < 1 || c.targetRev() > state.rev()) {
                throw new RejectedCommand(c, "target revision " + c.targetRev() + " does not exist");
            }
            return new ResourceTagAdded(state.id(), state.project(), state.types(), c.targetRev(), c.tag(),
                    state.rev() + 1, c.instant(), c.subject());
        }
        if (command instanceof DeprecateResource c) {
            requireRev(state, c, c.expectedRev());
            return new ResourceDeprecated(state.id(), state.project(), state.types(), state.rev() + 1, c.instant(),
                    c.subject());
        }
        if (command instanceof RefreshResource c) {
            requireExisting(state, c);
            return new ResourceAttributesRefreshed(state.id(), state.project(), state.rev(), c.instant(), c.subject());
        }
        if (command instanceof CreateFile c) {
            requireNew(state, c);
            return new FileCreated(c.id(), c.project(), c.attributes(), 1, c.instant(), c.subject());
        }
        if (command instanceof UpdateFile c) {
            requireRev(state, c, c.expectedRev());
            return new FileUpdated(state.id(), state.project(), c.attributes(), state.rev() + 1, c.instant(),
                    c.subject());
        }
        if (command instanceof CreateStorage c) {
            requireNew(state, c);
            return new StorageCreated(c.id(), c.project(), c.volume(), 1, c.instant(), c.subject());
        }
        if (command instanceof CreateView c) {
            requireNew(state, c);
            return new ViewCreated(c.id(), c.project(), c.viewKind(), c.entityId(), true, 1, c.instant(), c.subject());
        }
        throw new RejectedCommand(command, "unknown command");
    }

    /** The state after an event. */
    public static EntityState evolve(EntityState s, KgEvent event) {
        ObjectNode data = s.data().deepCopy();
        Map<String, Long> tags = new HashMap<>(s.tags());
        if (event instanceof OrganizationCreated e) {
            data.put("label", e.label()).put("description", e.description());
            return created(s, e.id(), "", List.of(), s.source(), tags, data, e.rev(), e.instant());
        }
        if (event instanceof ProjectCreated e) {
            data.put("label", e.label()).put("organizationUuid", e.organizationUuid())
                    .put("organizationLabel", e.organizationLabel()).put("description", e.description())
                    .put("base", e.base()).put("vocab", e.vocab());
            return created(s, e.id(), "", List.of(), s.source(), tags, data, e.rev(), e.instant());
        }
        if (event instanceof ResourceCreated e) {
            data.put("schema", e.schema());
            return created(s, e.id(), e.project(), e.types(), e.source(), tags, data, e.rev(), e.instant());
        }
        if (event instanceof ResourceCreatedAndTagged e) {
            data.put("schema", e.schema());
            tags.put(e.tag(), 1L);
            return created(s, e.id(), e.project(), e.types(), e.source(), tags, data, e.rev(), e.instant());
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
        if (event instanceof ResourceAttributesRefreshed) {
            return s;
        }
        if (event instanceof FileCreated e) {
            data.set("attributes", JSON.valueToTree(e.attributes()));
            return created(s, e.id(), e.project(), List.of(), s.source(), tags, data, e.rev(), e.instant());
        }
        if (event instanceof FileUpdated e) {
            data.set("attributes", JSON.valueToTree(e.attributes()));
            return updated(s, s.types(), s.source(), tags, data, false, e.rev(), e.instant());
        }
        if (event instanceof StorageCreated e) {
            data.put("volume", e.volume());
            return created(s, e.id(), e.project(), List.of(), s.source(), tags, data, e.rev(), e.instant());
        }
        if (event instanceof ViewCreated e) {
            data.put("viewKind", e.kind()).put("uuid", e.uuid()).put("includeMetadata", e.includeMetadata());
            return created(s, e.id(), e.project(), List.of(), s.source(), tags, data, e.rev(), e.instant());
        }
        throw new IllegalArgumentException("Unknown v1.0 event " + event.getClass().getName());
    }

    /** The journal tags of an event: its kind, its project and, for resources, one per type. */
    public static Set<String> tags(KgEvent event) {
        Set<String> tags = new LinkedHashSet<>();
        if (event instanceof OrganizationCreated) {
            tags.add("organization");
        } else if (event instanceof ProjectCreated) {
            tags.add("project");
        } else if (event instanceof ResourceCreated e) {
            resourceTags(tags, e.project(), e.types());
        } else if (event instanceof ResourceCreatedAndTagged e) {
            resourceTags(tags, e.project(), e.types());
        } else if (event instanceof ResourceUpdated e) {
            resourceTags(tags, e.project(), e.types());
        } else if (event instanceof ResourceTagAdded e) {
            resourceTags(tags, e.project(), e.types());
        } else if (event instanceof ResourceDeprecated e) {
            resourceTags(tags, e.project(), e.types());
        } else if (event instanceof ResourceAttributesRefreshed e) {
            resourceTags(tags, e.project(), List.of());
        } else if (event instanceof FileCreated e) {
            tags.add("file");
            tags.add(Vocabulary.projectTag(e.project()));
        } else if (event instanceof FileUpdated e) {
            tags.add("file");
            tags.add(Vocabulary.projectTag(e.project()));
        } else if (event instanceof StorageCreated e) {
            tags.add("storage");
            tags.add(Vocabulary.projectTag(e.project()));
        } else if (event instanceof ViewCreated e) {
            tags.add("view");
            tags.add(Vocabulary.projectTag(e.project()));
        }
        return tags;
    }

    private static void resourceTags(Set<String> tags, String project, List<String> types) {
        tags.add("resource");
        tags.add(Vocabulary.projectTag(project));
        types.forEach(type -> tags.add(Vocabulary.typeTag(type)));
    }

    private static EntityState created(EntityState s, String id, String project, List<String> types,
                                       com.fasterxml.jackson.databind.JsonNode source, Map<String, Long> tags,
                                       ObjectNode data, long rev, String instant) {
        return new EntityState(s.kind(), id, project, rev, false, types, source, tags, data, instant, instant);
    }

    private static EntityState updated(EntityState s, List<String> types,
                                       com.fasterxml.jackson.databind.JsonNode source, Map<String, Long> tags,
                                       ObjectNode data, boolean deprecated, long rev, String instant) {
        return new EntityState(s.kind(), s.id(), s.project(), rev, deprecated || s.deprecated(), types, source, tags,
                data, s.created(), instant);
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
