package io.recast.engine.rewrite;

import java.util.List;
import java.util.Objects;

/**
 * Every event of one persistence id, in sequence-number order, as a {@link JournalSource} read them.
 *
 * @param persistenceId the persistence id
 * @param events        its readable events, in sequence-number order
 * @param unreadable    its rows that could not even be read as events (an unknown manifest, say), each with why
 */
public record PersistenceIdEvents(String persistenceId, List<io.recast.engine.event.StoredEvent> events,
                                  List<PidRewrite.Quarantined> unreadable) {

    public PersistenceIdEvents {
        Objects.requireNonNull(persistenceId, "persistenceId");
        events = List.copyOf(events);
        unreadable = List.copyOf(unreadable);
    }

    /** Events that were all readable. */
    public static PersistenceIdEvents of(String persistenceId, List<io.recast.engine.event.StoredEvent> events) {
        return new PersistenceIdEvents(persistenceId, events, List.of());
    }

    /** How many rows the journal holds for this id. */
    public int rowCount() {
        return events.size() + unreadable.size();
    }
}
