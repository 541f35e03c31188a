package io.recast.engine.upcast;

import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import java.util.stream.Stream;

/**
 * Moves events of one type one revision forward.
 *
 * <p>An upcaster reads exactly one {@link #source() source type} (name and revision) and produces events
 * at its {@link #targetRevision() target revision}, which must be the revision right after the source's
 * in the chain's declared order. For each event it returns:
 * <ul>
 *   <li><b>one event</b> to map it: the common case, reshaping the payload or renaming the type
 *       ({@link SingleEventUpcaster}, {@link ContextAwareUpcaster}, {@link EventTypeUpcaster});</li>
 *   <li><b>no event</b> to drop it: the event no longer exists in the new model ({@link DroppingUpcaster});
 *       the chain counts it, so a drop is never silent;</li>
 *   <li><b>several events</b> to split it: one old event becomes several new ones ({@link SplittingUpcaster}).</li>
 * </ul>
 *
 * <p>Every output keeps the persistence id and the sequence number of its source, even after a split
 * or a drop: renumbering the entity's events so that sequence numbers stay contiguous is the journal
 * writer's job, which sees all events of the entity. Outputs are upcast further by the chain if an
 * upcaster reads their type.
 *
 * <p>Implementations must not change the event they are given (it is immutable anyway) and should be
 * stateless: the chain may call them from several threads at once. An exception thrown from
 * {@link #upcast(StoredEvent, UpcastContext)} does not stop a migration; the chain reports it as a
 * failure of that event, which is then left unchanged and quarantined.
 */
public interface Upcaster {

    /**
     * The one type, name and revision, that this upcaster reads. The chain calls
     * {@link #upcast(StoredEvent, UpcastContext)} only for events of this type.
     *
     * @return the source type
     */
    EventType source();

    /**
     * The revision of every event this upcaster produces: the revision right after the source's revision
     * in the chain's declared order.
     *
     * @return the target revision
     */
    String targetRevision();

    /**
     * Upcasts one event.
     *
     * @param event an event of the {@link #source() source type}
     * @param context lookups collected in the first pass over the journal
     * @return the events that replace it, all at the {@link #targetRevision() target revision} and with the
     *     source's persistence id and sequence number: none to drop it, one to map it, several to split it
     */
    Stream<StoredEvent> upcast(StoredEvent event, UpcastContext context);

    /**
     * The name used in reports, statistics and error messages.
     *
     * @return the class name unless an implementation has a better one
     */
    default String name() {
        return getClass().getName();
    }
}
