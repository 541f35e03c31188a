package io.recast.engine.upcast;

import io.recast.engine.event.StoredEvent;
import java.util.List;
import java.util.Objects;

/**
 * What the chain made of one event: {@link Unchanged}, {@link Upcast} (mapped, dropped or split) or
 * {@link Failed}. Switch over the three records to handle each case.
 */
public sealed interface UpcastOutcome permits UpcastOutcome.Unchanged, UpcastOutcome.Upcast, UpcastOutcome.Failed {

    /**
     * The event the chain was given.
     *
     * @return the source event
     */
    StoredEvent source();

    /**
     * No upcaster reads the event and it is at the final revision: nothing to write. Its payload was not
     * decoded.
     *
     * @param event the event, as given
     */
    record Unchanged(StoredEvent event) implements UpcastOutcome {

        /**
         * Checks the event.
         *
         * @param event the event, as given
         * @throws NullPointerException if the event is null
         */
        public Unchanged {
            Objects.requireNonNull(event, "event");
        }

        /**
         * The event, as given.
         *
         * @return the event
         */
        @Override
        public StoredEvent source() {
            return event;
        }
    }

    /**
     * The chain upcast the event to the final revision.
     *
     * @param source the event the chain was given
     * @param outputs the events that replace it, in order, all at the final revision: none when it was
     *     dropped, several when it was split
     * @param appliedUpcasters the names of the upcasters that ran, in the order they first ran
     */
    record Upcast(StoredEvent source, List<StoredEvent> outputs, List<String> appliedUpcasters)
            implements UpcastOutcome {

        /**
         * Copies the lists.
         *
         * @param source the event the chain was given
         * @param outputs the events that replace it
         * @param appliedUpcasters the names of the upcasters that ran
         * @throws NullPointerException if an argument or an element is null
         */
        public Upcast {
            Objects.requireNonNull(source, "source");
            outputs = List.copyOf(outputs);
            appliedUpcasters = List.copyOf(appliedUpcasters);
        }

        /**
         * Whether the event was dropped.
         *
         * @return true when there are no outputs
         */
        public boolean isDrop() {
            return outputs.isEmpty();
        }

        /**
         * Whether the event was split.
         *
         * @return true when there is more than one output
         */
        public boolean isSplit() {
            return outputs.size() > 1;
        }
    }

    /**
     * The event could not be upcast; it stays as it is and is quarantined.
     *
     * @param source the event the chain was given
     * @param failure why, and what to do
     */
    record Failed(StoredEvent source, UpcastFailure failure) implements UpcastOutcome {

        /**
         * Checks both parts.
         *
         * @param source the event the chain was given
         * @param failure why, and what to do
         * @throws NullPointerException if an argument is null
         */
        public Failed {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(failure, "failure");
        }
    }
}
