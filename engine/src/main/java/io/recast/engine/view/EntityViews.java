package io.recast.engine.view;

import java.util.Objects;
import java.util.Optional;

/**
 * What the read models hold for one entity.
 *
 * @param persistenceId the entity's persistence id
 * @param document      its document in the index, if the index holds this kind of entity
 * @param graph         its named graph in the RDF store, if the store holds this kind of entity
 */
public record EntityViews(String persistenceId, Optional<IndexDocument> document, Optional<ResourceGraph> graph) {

    public EntityViews {
        Objects.requireNonNull(persistenceId, "persistenceId");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(graph, "graph");
    }

    /** An entity that no read model holds (e.g. an organization). */
    public static EntityViews none(String persistenceId) {
        return new EntityViews(persistenceId, Optional.empty(), Optional.empty());
    }
}
