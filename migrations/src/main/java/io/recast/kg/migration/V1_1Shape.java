package io.recast.kg.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.MalformedPayloadException;
import io.recast.engine.event.TagSet;
import io.recast.engine.upcast.UpcastContext;
import io.recast.kg.Vocabulary;
import io.recast.kg.migration.KnowledgeGraphContext.ProjectFacts;
import java.util.Arrays;
import java.util.Set;

/**
 * The rules of v1.1 that several upcasters share, on JSON. They restate the v1.1 service's rules as they were when
 * v1.1 shipped, rather than calling its code, so that later versions of the service cannot change this migration.
 */
final class V1_1Shape {

    /** The type that v1.1 removes. */
    static final String ALPHA = Vocabulary.ALPHA;

    /** The tag of the removed type. */
    static final String ALPHA_TAG = "type=" + ALPHA;

    private static final String PROJECT_TAG = "project=";
    private static final String ORG_TAG = "org=";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private V1_1Shape() {
    }

    /**
     * The facts of the project that an event names in its {@code project} field.
     *
     * @throws io.recast.engine.upcast.MissingContextException if the first pass did not see the project
     */
    static ProjectFacts project(ObjectNode payload, UpcastContext context) {
        return context.require(KnowledgeGraphContext.PROJECT, Fields.text(payload, "project"));
    }

    /**
     * The volume of the disk storage of the project that an event names in its {@code project} field.
     *
     * @throws io.recast.engine.upcast.MissingContextException if the first pass saw no storage of the project
     */
    static String volume(ObjectNode payload, UpcastContext context) {
        return context.require(KnowledgeGraphContext.VOLUME, Fields.text(payload, "project"));
    }

    /** Replaces the {@code types} array by the same types without {@code nxv:Alpha}. */
    static void removeAlphaFromTypes(ObjectNode payload) {
        JsonNode types = payload.get("types");
        if (types == null || !types.isArray()) {
            throw new MalformedPayloadException("the field 'types' is " + (types == null ? "missing"
                    : "not an array but " + types.getNodeType()), null);
        }
        payload.set("types", withoutAlpha((ArrayNode) types));
    }

    private static ArrayNode withoutAlpha(ArrayNode types) {
        ArrayNode kept = NODES.arrayNode();
        types.forEach(type -> {
            if (!ALPHA.equals(type.asText())) {
                kept.add(type);
            }
        });
        return kept;
    }

    /**
     * Replaces the {@code source} by the v1.1 source: no {@code nxv:Alpha} in its {@code @type}, and a missing or
     * empty {@code @context} given the project's {@code @base} and {@code @vocab}.
     */
    static void normalizeSource(ObjectNode payload, ProjectFacts project) {
        ObjectNode source = Fields.object(payload, "source");
        JsonNode type = source.get("@type");
        if (type instanceof ArrayNode array) {
            source.set("@type", withoutAlpha(array));
        } else if (type != null && ALPHA.equals(type.asText())) {
            source.putArray("@type");
        }
        JsonNode context = source.get("@context");
        if (context == null || (context.isObject() && context.isEmpty())) {
            source.putObject("@context").put("@base", project.base()).put("@vocab", project.vocab());
        }
    }

    /**
     * The v1.1 tags of a project-scoped event: its v1.0 tags without {@code type=nxv:Alpha}, and
     * {@code org=<organization>} right after the {@code project=} tag (at the end if there is none).
     */
    static Set<String> tags(Set<String> tags, String organization) {
        // at most two tags per tag (itself and the organization's) and the organization's: an ordered set of distinct
        // tags, each where it was first added
        String[] upcast = new String[2 * tags.size() + 1];
        int n = 0;
        String org = ORG_TAG + organization;
        for (String tag : tags) {
            if (ALPHA_TAG.equals(tag) || org.equals(tag)) {
                continue;
            }
            upcast[n++] = tag;
            if (tag.startsWith(PROJECT_TAG)) {
                upcast[n++] = org;
            }
        }
        upcast[n++] = org;
        return TagSet.ofOwnedArray(n == upcast.length ? upcast : Arrays.copyOf(upcast, n));
    }
}
