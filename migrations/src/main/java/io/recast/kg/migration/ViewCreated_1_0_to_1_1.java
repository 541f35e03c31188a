package io.recast.kg.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.SplittingUpcaster;
import io.recast.engine.upcast.UpcastContext;
import java.util.List;

/**
 * {@code ViewCreated} 1.0 becomes, by its {@code kind}, an {@code ElasticSearchViewCreated} 1.1 (with
 * {@code sourceAsText} true) or a {@code SparqlViewCreated} 1.1 (with {@code sourceAsText} false), without
 * {@code kind}, with empty {@code resourceSchemas} and {@code resourceTypes} and the {@code organization} of its
 * project. Tags: {@code org=<uuid>} is added.
 *
 * <p>One event in, one event out; it is a {@link SplittingUpcaster} with one part because the output's name depends
 * on the payload. A kind other than {@code ElasticSearch} or {@code Sparql} fails the event, which is quarantined.
 */
public final class ViewCreated_1_0_to_1_1 extends SplittingUpcaster {

    private static final EventType ELASTICSEARCH = KgEventTypes.v1_1("ElasticSearchViewCreated");
    private static final EventType SPARQL = KgEventTypes.v1_1("SparqlViewCreated");
    private static final List<String> FIELDS = List.of("id", "project", "organization", "uuid", "includeMetadata",
            "resourceSchemas", "resourceTypes", "sourceAsText", "rev", "instant", "subject");

    /** Creates the upcaster; it is stateless. */
    public ViewCreated_1_0_to_1_1() {
        super(KgEventTypes.v1_0("ViewCreated"), KgEventTypes.V1_1);
    }

    @Override
    protected List<Part> split(ObjectNode payload, StoredEvent event, UpcastContext context) {
        String kind = Fields.text(payload, "kind");
        EventType target;
        boolean sourceAsText;
        if ("ElasticSearch".equals(kind)) {
            target = ELASTICSEARCH;
            sourceAsText = true;
        } else if ("Sparql".equals(kind)) {
            target = SPARQL;
            sourceAsText = false;
        } else {
            throw new IllegalArgumentException("the view kind '" + kind + "' is neither ElasticSearch nor Sparql");
        }
        String organization = V1_1Shape.project(payload, context).organizationUuid();
        payload.remove("kind");
        payload.put("organization", organization);
        payload.putArray("resourceSchemas");
        payload.putArray("resourceTypes");
        payload.put("sourceAsText", sourceAsText);
        return List.of(new Part(target, Fields.ordered(payload, FIELDS),
                V1_1Shape.tags(event.tags(), organization)));
    }
}
