package io.recast.engine.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.event.TagSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Base class for upcasts that turn one event into several, for example a {@code ResourceCreatedAndTagged}
 * into a {@code ResourceCreated} and a {@code ResourceTagged}.
 *
 * <p>A subclass returns the {@link Part parts}, in the order they should be written; each becomes an
 * event with the source's key and timestamp. Every part must be at the target revision. The chain upcasts
 * each part further if later upcasters read its type. An empty list drops the event. Sequence numbers
 * are renumbered by the journal writer, not here.
 */
public abstract class SplittingUpcaster implements Upcaster {

    private final EventType source;
    private final String targetRevision;

    /**
     * Names the step.
     *
     * @param source the type this upcaster reads
     * @param targetRevision the revision of every part
     */
    protected SplittingUpcaster(EventType source, String targetRevision) {
        this.source = Objects.requireNonNull(source, "source");
        this.targetRevision = Objects.requireNonNull(targetRevision, "targetRevision");
    }

    /**
     * Splits one event.
     *
     * @param payload a copy of the source's payload, free to change and to share between parts
     * @param event the source event, for its key and tags
     * @param context lookups collected in the first pass
     * @return the parts, in order; empty to drop the event
     */
    protected abstract List<Part> split(ObjectNode payload, StoredEvent event, UpcastContext context);

    /**
     * The type this upcaster reads.
     *
     * @return the source type
     */
    @Override
    public final EventType source() {
        return source;
    }

    /**
     * The revision of every part.
     *
     * @return the target revision
     */
    @Override
    public final String targetRevision() {
        return targetRevision;
    }

    /**
     * Decodes a copy of the payload, splits it and returns one event per part.
     *
     * @param event an event of the source type
     * @param context lookups collected in the first pass
     * @return the parts as events, in order
     * @throws IllegalArgumentException if the event is not of the source type
     * @throws IllegalStateException if the subclass returned no list or a part at another revision
     */
    @Override
    public final Stream<StoredEvent> upcast(StoredEvent event, UpcastContext context) {
        if (!event.type().equals(source)) {
            throw new IllegalArgumentException(name() + " reads " + source + " but was given " + event.type()
                    + " (event " + event.key() + ")");
        }
        List<Part> parts = split(event.payload().mutableCopy(), event, context);
        if (parts == null) {
            throw new IllegalStateException(name() + ".split returned null; return an empty list to drop the event");
        }
        List<StoredEvent> outputs = new ArrayList<>(parts.size());
        for (Part part : parts) {
            if (!part.type().revision().equals(targetRevision)) {
                throw new IllegalStateException(name() + " returned a part of type " + part.type()
                        + "; every part must be at revision " + targetRevision);
            }
            outputs.add(event.toBuilder()
                    .type(part.type())
                    .payload(Payload.ofOwnedJson(part.payload()))
                    .tags(part.tags())
                    .build());
        }
        return outputs.stream();
    }

    /**
     * Names the step.
     *
     * @return for example {@code Foo_1_0_to_1_1(Foo@1.0 -> 1.1)}
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + source + " -> " + targetRevision + ")";
    }

    /**
     * One event of a split.
     *
     * @param type the part's type, at the upcaster's target revision
     * @param payload the part's payload; copied when the event is built
     * @param tags the part's tags, in order; often the source event's tags
     */
    public record Part(EventType type, ObjectNode payload, Set<String> tags) {

        /**
         * Checks and copies.
         *
         * @param type the part's type, at the upcaster's target revision
         * @param payload the part's payload
         * @param tags the part's tags, in order
         * @throws NullPointerException if an argument or a tag is null
         */
        public Part {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(tags, "tags");
            tags = TagSet.copyOf(tags);
        }
    }
}
