package io.recast.engine.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Base class for one-to-one upcasts that need more than the payload: the whole event and lookups from the
 * {@link UpcastContext}, such as the base IRI of the project a resource belongs to.
 *
 * <p>Read required entries with {@link UpcastContext#require(ContextKey, String)}: a missing entry throws
 * {@link MissingContextException}, which the chain reports as a {@code MISSING_CONTEXT} failure naming
 * the event, key and id. Use {@link UpcastContext#get(ContextKey, String)} for entries that may be absent.
 */
public abstract class ContextAwareUpcaster implements Upcaster {

    private final OneStep step;

    /**
     * A step that keeps the name and moves to the next revision.
     *
     * @param source the type this upcaster reads
     * @param targetRevision the revision it writes
     */
    protected ContextAwareUpcaster(EventType source, String targetRevision) {
        this(source, source.withRevision(targetRevision));
    }

    /**
     * A step that renames the type as well.
     *
     * @param source the type this upcaster reads
     * @param target the type it writes: a new name, at the next revision
     */
    protected ContextAwareUpcaster(EventType source, EventType target) {
        this.step = new OneStep(source, target);
    }

    /**
     * Reshapes the payload.
     *
     * @param payload a copy of the source's payload, free to change
     * @param event the source event, for its key, tags and timestamp
     * @param context lookups collected in the first pass
     * @return the payload of the output: usually {@code payload} itself after changing it
     * @throws MissingContextException if a required entry is missing
     */
    protected abstract ObjectNode upcastPayload(ObjectNode payload, StoredEvent event, UpcastContext context);

    /**
     * Chooses the output's tags. Keeps the source's tags unless overridden.
     *
     * @param tags the source's tags
     * @param upcastPayload the payload returned by {@link #upcastPayload(ObjectNode, StoredEvent, UpcastContext)}
     * @param event the source event
     * @param context lookups collected in the first pass
     * @return the output's tags
     */
    protected Set<String> upcastTags(Set<String> tags, ObjectNode upcastPayload, StoredEvent event,
            UpcastContext context) {
        return tags;
    }

    /**
     * The type this upcaster reads.
     *
     * @return the source type
     */
    @Override
    public final EventType source() {
        return step.source();
    }

    /**
     * The revision of the output.
     *
     * @return the target revision
     */
    @Override
    public final String targetRevision() {
        return step.target().revision();
    }

    /**
     * The type of the output: the source's name, or the new name given to the constructor.
     *
     * @return the target type
     */
    public final EventType target() {
        return step.target();
    }

    /**
     * Decodes a copy of the payload, reshapes it with the context and returns the one output.
     *
     * @param event an event of the source type
     * @param context lookups collected in the first pass
     * @return one event at the target type
     * @throws IllegalArgumentException if the event is not of the source type
     * @throws MissingContextException if a required entry is missing
     * @throws io.recast.engine.event.MalformedPayloadException if the payload is not a JSON object
     */
    @Override
    public final Stream<StoredEvent> upcast(StoredEvent event, UpcastContext context) {
        step.requireSource(event, this);
        ObjectNode payload = upcastPayload(event.payload().mutableCopy(), event, context);
        Set<String> tags = payload == null ? null : upcastTags(event.tags(), payload, event, context);
        return Stream.of(step.output(event, payload, tags, this));
    }

    /**
     * Names the upcaster and its step.
     *
     * @return for example {@code ResourceCreated_1_0_to_1_1(ResourceCreated@1.0 -> ResourceCreated@1.1)}
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + source() + " -> " + target() + ")";
    }
}
