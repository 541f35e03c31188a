package io.recast.engine.upcast;

import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Changes an event's type, name or revision or both, and nothing else: the payload's bytes are carried
 * over as they are and never decoded.
 *
 * <p>Use it for renames ({@code EventTypeUpcaster.from("FileCreated", "1.0").to("FileUploaded", "1.1")})
 * and for types whose schema did not change but which must move to the next revision with the rest of the
 * model ({@code EventTypeUpcaster.from("FileDeleted", "1.0").toRevision("1.1")}).
 */
public final class EventTypeUpcaster implements Upcaster {

    private final EventType source;
    private final EventType target;

    private EventTypeUpcaster(EventType source, EventType target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Starts a rename from a type.
     *
     * @param name the source type's name
     * @param revision the source type's revision
     * @return the second half of the builder
     */
    public static From from(String name, String revision) {
        return new From(new EventType(name, revision));
    }

    /**
     * Starts a rename from a type.
     *
     * @param source the source type
     * @return the second half of the builder
     */
    public static From from(EventType source) {
        return new From(Objects.requireNonNull(source, "source"));
    }

    /**
     * The type this upcaster reads.
     *
     * @return the source type
     */
    @Override
    public EventType source() {
        return source;
    }

    /**
     * The revision of the output.
     *
     * @return the target revision
     */
    @Override
    public String targetRevision() {
        return target.revision();
    }

    /**
     * The type of the output.
     *
     * @return the target type
     */
    public EventType target() {
        return target;
    }

    /**
     * Returns the event with the target type and the very same payload, undecoded.
     *
     * @param event an event of the source type
     * @param context unused
     * @return one event at the target type
     * @throws IllegalArgumentException if the event is not of the source type
     */
    @Override
    public Stream<StoredEvent> upcast(StoredEvent event, UpcastContext context) {
        if (!event.type().equals(source)) {
            throw new IllegalArgumentException(name() + " was given " + event.type() + " (event " + event.key() + ")");
        }
        return Stream.of(event.toBuilder().type(target).build());
    }

    /**
     * The class name with the step, since all renames share the class.
     *
     * @return for example {@code io.recast.engine.upcast.EventTypeUpcaster(Old@1.0 -> New@1.1)}
     */
    @Override
    public String name() {
        return getClass().getName() + "(" + source + " -> " + target + ")";
    }

    /**
     * Names the step.
     *
     * @return for example {@code EventTypeUpcaster(Old@1.0 -> New@1.1)}
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + source + " -> " + target + ")";
    }

    /** The second half of {@code EventTypeUpcaster.from(...).to(...)}. */
    public static final class From {

        private final EventType source;

        private From(EventType source) {
            this.source = source;
        }

        /**
         * Finishes the builder.
         *
         * @param name the target type's name
         * @param revision the target type's revision, the one after the source's
         * @return the upcaster
         */
        public EventTypeUpcaster to(String name, String revision) {
            return to(new EventType(name, revision));
        }

        /**
         * Finishes the builder.
         *
         * @param target the target type
         * @return the upcaster
         * @throws IllegalArgumentException if the target equals the source
         */
        public EventTypeUpcaster to(EventType target) {
            Objects.requireNonNull(target, "target");
            if (target.equals(source)) {
                throw new IllegalArgumentException("An EventTypeUpcaster from " + source + " to itself does nothing;"
                        + " give it the next revision");
            }
            return new EventTypeUpcaster(source, target);
        }

        /**
         * Finishes the builder, keeping the name.
         *
         * @param revision the target revision, the one after the source's
         * @return the upcaster
         */
        public EventTypeUpcaster toRevision(String revision) {
            return to(source.withRevision(revision));
        }
    }
}
