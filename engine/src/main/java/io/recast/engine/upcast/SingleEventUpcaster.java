package io.recast.engine.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Base class for the common case: one event in, one event out, with a reshaped payload.
 *
 * <p>A subclass names its step in its constructor and implements {@link #upcastPayload(ObjectNode)}:
 * <pre>{@code
 * public final class OrderPlaced_1_0_to_1_1 extends SingleEventUpcaster {
 *     public OrderPlaced_1_0_to_1_1() {
 *         super(EventType.of("OrderPlaced", "1.0"), "1.1");
 *     }
 *
 *     protected ObjectNode upcastPayload(ObjectNode payload) {
 *         payload.set("total", payload.remove("amount"));
 *         return payload;
 *     }
 * }
 * }</pre>
 * The output keeps the source's key, timestamp, serializer id and (unless {@link #upcastTags} says
 * otherwise) tags. To rename the type while reshaping, pass a target {@link EventType} instead of a
 * revision. Use {@link ContextAwareUpcaster} when the upcast needs lookups, {@link EventTypeUpcaster} when
 * only the type changes.
 */
public abstract class SingleEventUpcaster implements Upcaster {

    private final OneStep step;

    /**
     * A step that keeps the name and moves to the next revision.
     *
     * @param source the type this upcaster reads
     * @param targetRevision the revision it writes
     */
    protected SingleEventUpcaster(EventType source, String targetRevision) {
        this(source, source.withRevision(targetRevision));
    }

    /**
     * A step that renames the type as well.
     *
     * @param source the type this upcaster reads
     * @param target the type it writes: a new name, at the next revision
     */
    protected SingleEventUpcaster(EventType source, EventType target) {
        this.step = new OneStep(source, target);
    }

    /**
     * Reshapes the payload.
     *
     * @param payload a copy of the source's payload, free to change
     * @return the payload of the output: usually {@code payload} itself after changing it
     */
    protected abstract ObjectNode upcastPayload(ObjectNode payload);

    /**
     * Chooses the output's tags. Keeps the source's tags unless overridden.
     *
     * @param tags the source's tags
     * @param upcastPayload the payload returned by {@link #upcastPayload(ObjectNode)}
     * @return the output's tags
     */
    protected Set<String> upcastTags(Set<String> tags, ObjectNode upcastPayload) {
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
     * Decodes a copy of the payload, reshapes it and returns the one output.
     *
     * @param event an event of the source type
     * @param context unused by this base class
     * @return one event at the target type
     * @throws IllegalArgumentException if the event is not of the source type
     * @throws io.recast.engine.event.MalformedPayloadException if the payload is not a JSON object
     */
    @Override
    public final Stream<StoredEvent> upcast(StoredEvent event, UpcastContext context) {
        step.requireSource(event, this);
        ObjectNode payload = upcastPayload(event.payload().mutableCopy());
        Set<String> tags = payload == null ? null : upcastTags(event.tags(), payload);
        return Stream.of(step.output(event, payload, tags, this));
    }

    /**
     * Names the upcaster and its step.
     *
     * @return for example {@code OrderPlaced_1_0_to_1_1(OrderPlaced@1.0 -> OrderPlaced@1.1)}
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + source() + " -> " + target() + ")";
    }
}
