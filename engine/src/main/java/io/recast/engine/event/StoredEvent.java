package io.recast.engine.event;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * One event as stored in the journal: its key, when it was written, its tags, the serializer that wrote
 * it, its type and its payload.
 *
 * <p>Immutable; change an event by building a new one with {@link #toBuilder()}. The payload is lazy
 * (see {@link Payload}), so building, comparing and forwarding events does not parse JSON unless a
 * payload built from a tree has to be written as bytes.
 *
 * <p>Two events are equal when all their fields are; payloads compare by their bytes and tags as sets.
 */
public final class StoredEvent {

    private final EventKey key;
    private final Instant timestamp;
    private final TagSet tags;
    private final int serializerId;
    private final EventType type;
    private final Payload payload;

    private StoredEvent(Builder builder) {
        this.key = new EventKey(require(builder.persistenceId, "persistenceId"), builder.sequenceNr);
        this.timestamp = require(builder.timestamp, "timestamp");
        // immutable, so shared with the builders of the events built from this one
        this.tags = builder.tags;
        this.serializerId = builder.serializerId;
        this.type = require(builder.type, "type");
        this.payload = require(builder.payload, "payload");
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalStateException("A StoredEvent needs a " + field + "; set it on the builder");
        }
        return value;
    }

    /**
     * Starts an empty builder: persistence id, sequence number, timestamp, type and payload must be set;
     * tags default to none and the serializer id to 0.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder holding this event's fields, to build a changed copy.
     *
     * @return a builder initialised from this event
     */
    public Builder toBuilder() {
        return new Builder()
                .persistenceId(key.persistenceId())
                .sequenceNr(key.sequenceNr())
                .timestamp(timestamp)
                .tags(tags)
                .serializerId(serializerId)
                .type(type)
                .payload(payload);
    }

    /**
     * The entity's persistence id.
     *
     * @return the persistence id
     */
    public String persistenceId() {
        return key.persistenceId();
    }

    /**
     * The event's sequence number within its entity.
     *
     * @return the sequence number, from 1
     */
    public long sequenceNr() {
        return key.sequenceNr();
    }

    /**
     * The journal key, persistence id and sequence number together.
     *
     * @return the key
     */
    public EventKey key() {
        return key;
    }

    /**
     * When the event was written.
     *
     * @return the write time
     */
    public Instant timestamp() {
        return timestamp;
    }

    /**
     * The event's tags, in the order they were given.
     *
     * @return an unmodifiable set (a {@link TagSet})
     */
    public Set<String> tags() {
        return tags;
    }

    /**
     * The id of the serializer that wrote the payload (Pekko's {@code ser_id}).
     *
     * @return the serializer id
     */
    public int serializerId() {
        return serializerId;
    }

    /**
     * The event's name and revision.
     *
     * @return the type
     */
    public EventType type() {
        return type;
    }

    /**
     * The event's payload.
     *
     * @return the payload
     */
    public Payload payload() {
        return payload;
    }

    /**
     * Compares all fields; payloads by bytes.
     *
     * @param other the object to compare with
     * @return true if the other is an equal event
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof StoredEvent that
                && key.equals(that.key)
                && serializerId == that.serializerId
                && timestamp.equals(that.timestamp)
                && type.equals(that.type)
                && tags.equals(that.tags)
                && payload.equals(that.payload);
    }

    /**
     * Hashes all fields; the payload by its bytes.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(key, timestamp, tags, serializerId, type, payload);
    }

    /**
     * Key, type, tags and payload size; not the payload's content.
     *
     * @return a description for logs and messages
     */
    @Override
    public String toString() {
        return "StoredEvent(" + key + ", type=" + type + ", tags=" + tags + ", timestamp=" + timestamp
                + ", serializerId=" + serializerId + ", " + payload + ")";
    }

    /** Builds a {@link StoredEvent}. Not thread-safe. */
    public static final class Builder {

        private String persistenceId;
        private long sequenceNr;
        private Instant timestamp;
        private TagSet tags = TagSet.of();
        private int serializerId;
        private EventType type;
        private Payload payload;

        private Builder() {
        }

        /**
         * Sets the persistence id.
         *
         * @param persistenceId the entity's persistence id
         * @return this builder
         */
        public Builder persistenceId(String persistenceId) {
            this.persistenceId = persistenceId;
            return this;
        }

        /**
         * Sets the sequence number.
         *
         * @param sequenceNr the event's sequence number, from 1
         * @return this builder
         */
        public Builder sequenceNr(long sequenceNr) {
            this.sequenceNr = sequenceNr;
            return this;
        }

        /**
         * Sets the write time.
         *
         * @param timestamp when the event was written
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /**
         * Replaces the tags; their iteration order is kept.
         *
         * @param tags the tags, none null
         * @return this builder
         */
        public Builder tags(Collection<String> tags) {
            // a TagSet (another event's tags) is immutable and taken as it is; anything else is copied
            this.tags = TagSet.copyOf(tags);
            return this;
        }

        /**
         * Replaces the tags; their order is kept.
         *
         * @param tags the tags, none null
         * @return this builder
         */
        public Builder tags(String... tags) {
            return tags(Arrays.asList(tags));
        }

        /**
         * Sets the serializer id.
         *
         * @param serializerId the id of the serializer that wrote the payload
         * @return this builder
         */
        public Builder serializerId(int serializerId) {
            this.serializerId = serializerId;
            return this;
        }

        /**
         * Sets the type.
         *
         * @param type the event's name and revision
         * @return this builder
         */
        public Builder type(EventType type) {
            this.type = type;
            return this;
        }

        /**
         * Sets the payload.
         *
         * @param payload the payload
         * @return this builder
         */
        public Builder payload(Payload payload) {
            this.payload = payload;
            return this;
        }

        /**
         * Builds the event.
         *
         * @return the event
         * @throws IllegalStateException if a required field is missing
         * @throws IllegalArgumentException if the persistence id is blank or the sequence number below 1
         */
        public StoredEvent build() {
            return new StoredEvent(this);
        }
    }
}
