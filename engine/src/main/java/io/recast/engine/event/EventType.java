package io.recast.engine.event;

import java.util.Objects;

/**
 * The type of an event: its name and the revision of its schema.
 *
 * <p>The name is what identifies the event class across revisions (for example {@code ResourceCreated}
 * or {@code com.example.OrderPlaced}); the revision says which schema its payload follows (for example
 * {@code 1.0}). How both are stored in the journal's manifest column is the job of a
 * {@link ManifestCodec}.
 *
 * @param name the event's name, not blank
 * @param revision the payload's schema revision, not blank
 */
public record EventType(String name, String revision) {

    /** The separator between name and revision in {@link #toString()} and {@link #parse(String)}. */
    public static final char SEPARATOR = '@';

    /**
     * Checks both parts.
     *
     * @param name the event's name, not blank
     * @param revision the payload's schema revision, not blank
     * @throws IllegalArgumentException if the name or the revision is blank
     * @throws NullPointerException if the name or the revision is null
     */
    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(revision, "revision");
        if (name.isBlank()) {
            throw new IllegalArgumentException("An event type needs a name; got a blank name for revision '" + revision + "'");
        }
        if (revision.isBlank()) {
            throw new IllegalArgumentException("Event type '" + name + "' needs a revision; got a blank one");
        }
        // interned: event types are few and compared for every event, equal ones then compare by identity
        name = name.intern();
        revision = revision.intern();
    }

    /**
     * Creates an event type.
     *
     * @param name the event's name
     * @param revision the payload's schema revision
     * @return the event type
     */
    public static EventType of(String name, String revision) {
        return new EventType(name, revision);
    }

    /**
     * Reads the form that {@link #toString()} writes, {@code Name@revision}.
     *
     * @param text for example {@code ResourceCreated@1.0}
     * @return the event type
     * @throws IllegalArgumentException if the text has no {@code @} followed by a revision
     */
    public static EventType parse(String text) {
        Objects.requireNonNull(text, "text");
        int at = text.lastIndexOf(SEPARATOR);
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an event type; write it as Name@revision, for example ResourceCreated@1.0");
        }
        return new EventType(text.substring(0, at), text.substring(at + 1));
    }

    /**
     * The same name at another revision.
     *
     * @param otherRevision the revision of the returned type
     * @return an event type with this name and {@code otherRevision}
     */
    public EventType withRevision(String otherRevision) {
        return new EventType(name, otherRevision);
    }

    /**
     * Returns {@code name@revision}, for example {@code ResourceCreated@1.0}.
     *
     * @return the event type as text
     */
    @Override
    public String toString() {
        return name + SEPARATOR + revision;
    }
}
