package io.recast.engine.event;

import java.util.Comparator;
import java.util.Objects;

/**
 * The journal key of an event: its persistence id and its sequence number.
 *
 * <p>Keys order by persistence id, then by sequence number, which is the order in which the journal
 * keeps the events of one entity.
 *
 * @param persistenceId the entity's persistence id, not blank
 * @param sequenceNr the event's sequence number within the entity, starting at 1
 */
public record EventKey(String persistenceId, long sequenceNr) implements Comparable<EventKey> {

    private static final Comparator<EventKey> ORDER =
            Comparator.comparing(EventKey::persistenceId).thenComparingLong(EventKey::sequenceNr);

    /**
     * Checks both parts.
     *
     * @param persistenceId the entity's persistence id, not blank
     * @param sequenceNr the event's sequence number within the entity, starting at 1
     * @throws IllegalArgumentException if the persistence id is blank or the sequence number is below 1
     * @throws NullPointerException if the persistence id is null
     */
    public EventKey {
        Objects.requireNonNull(persistenceId, "persistenceId");
        if (persistenceId.isBlank()) {
            throw new IllegalArgumentException("An event key needs a persistence id; got a blank one");
        }
        if (sequenceNr < 1) {
            throw new IllegalArgumentException("Sequence numbers start at 1; got " + sequenceNr + " for " + persistenceId);
        }
    }

    /**
     * Orders by persistence id, then by sequence number.
     *
     * @param other the key to compare with
     * @return a negative number, zero or a positive number as this key sorts before, with or after the other
     */
    @Override
    public int compareTo(EventKey other) {
        return ORDER.compare(this, other);
    }

    /**
     * Returns {@code persistenceId=…, sequenceNr=…}, the form error messages use.
     *
     * @return the key as text
     */
    @Override
    public String toString() {
        return "persistenceId=" + persistenceId + ", sequenceNr=" + sequenceNr;
    }
}
