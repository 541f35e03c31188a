package io.recast.engine.view;

import io.recast.engine.event.StoredEvent;
import java.util.List;

/**
 * The domain's part of a projection: folds every event of one entity, in sequence order, into what the read models
 * hold for it. Replay and live projections call the same projector, so a rebuilt view equals a live one.
 *
 * <p>Implementations are pure: the same events give the same views. An entity whose events cannot be projected
 * (an unknown event, a payload that does not decode) is refused with a {@link ViewProjectionException} naming the
 * event; the projection records it and goes on with the next entity.
 */
@FunctionalInterface
public interface EntityViewProjector {

    /**
     * @param events all events of one persistence id, in increasing sequence order (never empty)
     * @return the entity's views; {@link EntityViews#none} when no read model holds this kind of entity
     * @throws ViewProjectionException when an event cannot be projected
     */
    EntityViews project(List<StoredEvent> events);
}
