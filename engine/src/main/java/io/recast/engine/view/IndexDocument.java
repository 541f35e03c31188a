package io.recast.engine.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One document of an index: the current state of one entity.
 *
 * @param id      the document id: the entity's id, so a rewrite replaces rather than adds
 * @param version the entity's revision; a sink keeps the document of the highest version and ignores older ones
 * @param source  the document body
 */
public record IndexDocument(String id, long version, ObjectNode source) {

    public IndexDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        if (version < 1) {
            throw new IllegalArgumentException("version of document " + id + " must be >= 1, was " + version);
        }
    }
}
