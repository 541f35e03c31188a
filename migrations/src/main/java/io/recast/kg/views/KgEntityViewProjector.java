package io.recast.kg.views;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.view.EntityViewProjector;
import io.recast.engine.view.EntityViews;
import io.recast.engine.view.IndexDocument;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.ViewProjectionException;
import io.recast.kg.Vocabulary;
import io.recast.kg.v1_1.Domain;
import io.recast.kg.v1_1.EntityState;
import io.recast.kg.v1_1.KgEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds the v1.1 events of one knowledge-graph entity with {@link Domain#evolve} (what the service itself computes)
 * and maps the state to:
 * <ul>
 *   <li>an index document: the JSON-LD source's fields (without {@code @context}), the entity's data, and the
 *   metadata {@code @id}, {@code @type}, {@code _kind}, {@code _project}, {@code _organization}, {@code _rev},
 *   {@code _deprecated}, {@code _createdAt}, {@code _updatedAt}, {@code _tags}; version = revision;</li>
 *   <li>a named graph (the entity's id): the JSON-LD source as written (resources) plus a metadata node with the
 *   same fields in the Nexus vocabulary.</li>
 * </ul>
 * Organizations and projects have no view. An event that is not a v1.1 event is refused with the advice to migrate.
 */
public final class KgEntityViewProjector implements EntityViewProjector {

    /** The kinds of entity that the views hold (the prefixes of their persistence ids). */
    public static final Set<String> KINDS = Set.of("resources", "files", "storages", "views");
    /** The tags under which the events of those kinds are written (one per kind). */
    public static final Set<String> TAGS = Set.of("resource", "file", "storage", "view");

    private static final String V1_1 = "1.1";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Map<String, Class<? extends KgEvent>> classes = new ConcurrentHashMap<>();

    @Override
    public EntityViews project(List<StoredEvent> events) {
        String persistenceId = events.get(0).persistenceId();
        int dash = persistenceId.indexOf('-');
        String kind = dash < 0 ? "" : persistenceId.substring(0, dash);
        if (!KINDS.contains(kind)) {
            return EntityViews.none(persistenceId);
        }
        EntityState state = EntityState.initial(kind);
        for (StoredEvent event : events) {
            state = evolve(state, event);
        }
        if (!state.exists()) {
            return EntityViews.none(persistenceId);
        }
        return new EntityViews(persistenceId, Optional.of(document(state)), Optional.of(graph(state)));
    }

    private EntityState evolve(EntityState state, StoredEvent event) {
        if (!V1_1.equals(event.type().revision())) {
            throw new ViewProjectionException(event.persistenceId(), event.sequenceNr(), "the event "
                    + event.type() + " is not a v1.1 event; migrate the journal first (recast migrate --from 1.0 "
                    + "--to 1.1)", null);
        }
        KgEvent decoded;
        try {
            decoded = event.payload().isDecoded() ? json.treeToValue(event.payload().json(), eventClass(event))
                    : json.readValue(event.payload().bytes(), eventClass(event));
        } catch (ClassNotFoundException e) {
            throw new ViewProjectionException(event.persistenceId(), event.sequenceNr(), "unknown v1.1 event "
                    + event.type().name(), e);
        } catch (Exception e) {
            throw new ViewProjectionException(event.persistenceId(), event.sequenceNr(), "the payload of "
                    + event.type() + " does not decode: " + e.getMessage(), e);
        }
        try {
            return Domain.evolve(state, decoded);
        } catch (RuntimeException e) {
            throw new ViewProjectionException(event.persistenceId(), event.sequenceNr(), e.getMessage(), e);
        }
    }

    private Class<? extends KgEvent> eventClass(StoredEvent event) throws ClassNotFoundException {
        Class<? extends KgEvent> known = classes.get(event.type().name());
        if (known != null) {
            return known;
        }
        Class<?> found = Class.forName(KgEvent.class.getPackageName() + "." + event.type().name());
        if (!KgEvent.class.isAssignableFrom(found)) {
            throw new ClassNotFoundException(found.getName() + " is not a v1.1 KgEvent");
        }
        Class<? extends KgEvent> eventClass = found.asSubclass(KgEvent.class);
        classes.put(event.type().name(), eventClass);
        return eventClass;
    }

    /** The index document of a state. */
    static IndexDocument document(EntityState state) {
        ObjectNode document = NODES.objectNode();
        if (state.source() instanceof ObjectNode source) {
            source.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("@context")) {
                    document.set(field.getKey(), field.getValue());
                }
            });
        }
        state.data().fields().forEachRemaining(field -> {
            if (!field.getKey().equals("@type")) {
                document.set(field.getKey(), field.getValue());
            }
        });
        document.put("@id", state.id());
        ArrayNode types = document.putArray("@type");
        types(state).forEach(types::add);
        document.put("_kind", state.kind());
        document.put("_project", state.project());
        document.put("_organization", state.organization());
        document.put("_rev", state.rev());
        document.put("_deprecated", state.deprecated());
        document.put("_createdAt", state.created());
        document.put("_updatedAt", state.updated());
        ArrayNode tags = document.putArray("_tags");
        state.tags().keySet().stream().sorted().forEach(tags::add);
        return new IndexDocument(state.id(), state.rev(), document);
    }

    /** The named graph of a state: its source (resources) and its metadata. */
    static ResourceGraph graph(EntityState state) {
        List<JsonNode> documents = new ArrayList<>();
        if (state.source() instanceof ObjectNode source && !source.isEmpty()) {
            documents.add(source);
        }
        documents.add(metadata(state));
        return new ResourceGraph(state.id(), state.rev(), documents);
    }

    /** The metadata node of an entity, in full IRIs (no context). */
    static ObjectNode metadata(EntityState state) {
        ObjectNode node = NODES.objectNode();
        node.put("@id", state.id());
        if (!"resources".equals(state.kind())) {
            ArrayNode types = node.putArray("@type");
            types(state).forEach(types::add);
        }
        node.set(Vocabulary.NXV + "rev", typed(Long.toString(state.rev()), "long"));
        node.set(Vocabulary.NXV + "deprecated", typed(Boolean.toString(state.deprecated()), "boolean"));
        node.put(Vocabulary.NXV + "project", state.project());
        node.put(Vocabulary.NXV + "organization", state.organization());
        node.set(Vocabulary.NXV + "createdAt", typed(state.created(), "dateTime"));
        node.set(Vocabulary.NXV + "updatedAt", typed(state.updated(), "dateTime"));
        return node;
    }

    private static List<String> types(EntityState state) {
        return switch (state.kind()) {
            case "resources" -> state.types();
            case "files" -> List.of(Vocabulary.NXV + "File");
            default -> List.of(Vocabulary.NXV + state.data().path("@type").asText(
                    "storages".equals(state.kind()) ? "Storage" : "View"));
        };
    }

    private static ObjectNode typed(String value, String xsdType) {
        return NODES.objectNode().put("@value", value).put("@type", XSD + xsdType);
    }
}
