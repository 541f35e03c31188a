package io.recast.engine.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import java.util.Objects;
import java.util.Set;

/** The source and target of a one-to-one upcaster, and how it builds its output. */
final class OneStep {

    private final EventType source;
    private final EventType target;

    OneStep(EventType source, EventType target) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
    }

    EventType source() {
        return source;
    }

    EventType target() {
        return target;
    }

    void requireSource(StoredEvent event, Upcaster upcaster) {
        if (!event.type().equals(source)) {
            throw new IllegalArgumentException(upcaster.name() + " reads " + source + " but was given " + event.type()
                    + " (event " + event.key() + ")");
        }
    }

    StoredEvent output(StoredEvent event, ObjectNode payload, Set<String> tags, Upcaster upcaster) {
        if (payload == null) {
            throw new IllegalStateException(upcaster.name() + " returned no payload; return the (changed) payload");
        }
        if (tags == null) {
            throw new IllegalStateException(upcaster.name() + " returned no tags; return the tags to keep");
        }
        return event.toBuilder().type(target).payload(Payload.ofOwnedJson(payload)).tags(tags).build();
    }
}
