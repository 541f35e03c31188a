package io.recast.projections.views;

/**
 * An entity whose views were not written, recorded instead of dropped.
 *
 * @param persistenceId the entity
 * @param sequenceNr    the event at fault, or the entity's last event when the whole entity was refused by a sink
 * @param where         {@code projector}, {@code index} or {@code graph}
 * @param reason        what went wrong, to fix the event or the mapping and replay again
 */
public record ViewRejection(String persistenceId, long sequenceNr, String where, String reason) {

    @Override
    public String toString() {
        return persistenceId + " #" + sequenceNr + " (" + where + "): " + reason;
    }
}
