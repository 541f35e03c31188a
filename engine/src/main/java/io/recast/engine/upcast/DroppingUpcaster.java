package io.recast.engine.upcast;

import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Drops every event of one type: the type does not exist in the next revision.
 *
 * <p>The chain reports each drop as an upcast with no outputs and counts it, so nothing is lost silently;
 * the journal writer closes the gap in the entity's sequence numbers. The target revision says which step
 * of the migration the drop belongs to. Use {@link #of(EventType, String)}, or subclass to give the step
 * its own class name ({@code LegacyPing_1_0_to_1_1 extends DroppingUpcaster}). To drop only some events
 * of a type, return an empty list from a {@link SplittingUpcaster}.
 */
public class DroppingUpcaster implements Upcaster {

    private final EventType source;
    private final String targetRevision;

    /**
     * Names the step.
     *
     * @param source the type to drop
     * @param targetRevision the revision right after the source's, in which the type no longer exists
     */
    protected DroppingUpcaster(EventType source, String targetRevision) {
        this.source = Objects.requireNonNull(source, "source");
        this.targetRevision = Objects.requireNonNull(targetRevision, "targetRevision");
    }

    /**
     * Creates a drop.
     *
     * @param source the type to drop
     * @param targetRevision the revision right after the source's, in which the type no longer exists
     * @return the upcaster
     */
    public static DroppingUpcaster of(EventType source, String targetRevision) {
        return new DroppingUpcaster(source, targetRevision);
    }

    /**
     * The type this upcaster drops.
     *
     * @return the source type
     */
    @Override
    public final EventType source() {
        return source;
    }

    /**
     * The revision in which the type no longer exists.
     *
     * @return the target revision
     */
    @Override
    public final String targetRevision() {
        return targetRevision;
    }

    /**
     * Returns nothing; the payload is not decoded.
     *
     * @param event an event of the source type
     * @param context unused
     * @return an empty stream
     * @throws IllegalArgumentException if the event is not of the source type
     */
    @Override
    public final Stream<StoredEvent> upcast(StoredEvent event, UpcastContext context) {
        if (!event.type().equals(source)) {
            throw new IllegalArgumentException(name() + " drops " + source + " but was given " + event.type()
                    + " (event " + event.key() + ")");
        }
        return Stream.empty();
    }

    /**
     * The class name of a subclass, or the class name with the step for {@link #of(EventType, String)}.
     *
     * @return the name for reports
     */
    @Override
    public String name() {
        return getClass() == DroppingUpcaster.class
                ? getClass().getName() + "(" + source + " at " + targetRevision + ")"
                : getClass().getName();
    }

    /**
     * Names the step.
     *
     * @return for example {@code DroppingUpcaster(Ping@1.0 at 1.1)}
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + source + " at " + targetRevision + ")";
    }
}
