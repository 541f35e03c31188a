package io.recast.engine.rewrite;

import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.UpcastFailure;
import java.util.List;

/** What the rewrite does to one persistence id: nothing, a rewrite, or nothing because an event failed. */
public sealed interface PidRewrite permits PidRewrite.Unchanged, PidRewrite.Rewritten, PidRewrite.HeldBack {

    String persistenceId();

    /** Every event already has its target shape: nothing is written. */
    record Unchanged(String persistenceId, int events) implements PidRewrite {
    }

    /**
     * Some events change. Without splits and drops, the changed rows are rewritten in place under their keys; with
     * them, the whole id is {@code renumbered}: every row is replaced, sequence numbers running on from the first one.
     */
    record Rewritten(String persistenceId, List<EventRewrite> events, boolean renumbered) implements PidRewrite {

        public Rewritten {
            events = List.copyOf(events);
        }

        /** The rewrites whose rows change. */
        public List<EventRewrite> changed() {
            return events.stream().filter(EventRewrite::changed).toList();
        }

        /** The events the id holds afterwards, in order. */
        public List<StoredEvent> outputs() {
            return events.stream().flatMap(e -> e.outputs().stream()).toList();
        }
    }

    /**
     * At least one event could not be upcast: the id is left exactly as it is (all or nothing per persistence id) and
     * the failed events are quarantined.
     */
    record HeldBack(String persistenceId, List<Quarantined> failures, int events) implements PidRewrite {

        public HeldBack {
            failures = List.copyOf(failures);
        }
    }

    /**
     * A failed event: its key, its stored type or manifest, and why.
     *
     * @param type the event's type ({@code Name@revision}), or its raw manifest when the row was unreadable
     */
    record Quarantined(String persistenceId, long sequenceNr, String type, UpcastFailure failure) {
    }
}
