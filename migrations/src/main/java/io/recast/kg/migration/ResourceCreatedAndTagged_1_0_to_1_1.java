package io.recast.kg.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.MalformedPayloadException;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.SplittingUpcaster;
import io.recast.engine.upcast.UpcastContext;
import java.util.List;
import java.util.Set;

/**
 * {@code ResourceCreatedAndTagged} 1.0 (revision 2 of its resource) is split into what v1.1 writes for a creation
 * with a tag: a {@code ResourceCreated} of revision 1, upcast as {@link ResourceCreated_1_0_to_1_1} does, then a
 * {@code ResourceTagAdded} of revision 2 that tags revision 1, with the same instant and subject. Both parts have the
 * v1.1 tags of a resource.
 */
public final class ResourceCreatedAndTagged_1_0_to_1_1 extends SplittingUpcaster {

    private static final EventType CREATED = KgEventTypes.v1_1("ResourceCreated");
    private static final EventType TAG_ADDED = KgEventTypes.v1_1("ResourceTagAdded");

    /** Creates the upcaster; it is stateless. */
    public ResourceCreatedAndTagged_1_0_to_1_1() {
        super(KgEventTypes.v1_0("ResourceCreatedAndTagged"), KgEventTypes.V1_1);
    }

    @Override
    protected List<Part> split(ObjectNode payload, StoredEvent event, UpcastContext context) {
        Fields.text(payload, "tag"); // a create-and-tag without its tag is malformed
        if (!payload.path("rev").canConvertToLong()) {
            throw new MalformedPayloadException("the field 'rev' is missing or not a number", null);
        }
        long rev = payload.get("rev").asLong();

        ObjectNode creation = payload.deepCopy();
        creation.remove("tag");
        creation.put("rev", 1);
        ObjectNode created = ResourceCreated_1_0_to_1_1.reshape(creation, context);
        String organization = created.get("organization").asText();

        ObjectNode tagged = payload.deepCopy();
        tagged.put("organization", organization);
        tagged.set("types", created.get("types").deepCopy());
        tagged.put("targetRev", 1);
        tagged.put("rev", rev);
        tagged.remove("schema");
        tagged.remove("source");

        Set<String> tags = V1_1Shape.tags(event.tags(), organization);
        return List.of(new Part(CREATED, created, tags),
                new Part(TAG_ADDED, Fields.ordered(tagged, ResourceTagAdded_1_0_to_1_1.FIELDS), tags));
    }
}
