package io.recast.engine.view;

/** An event that cannot be projected, named by persistence id and sequence number. */
public class ViewProjectionException extends RuntimeException {

    private final String persistenceId;
    private final long sequenceNr;

    public ViewProjectionException(String persistenceId, long sequenceNr, String message, Throwable cause) {
        super("Cannot project event " + persistenceId + " #" + sequenceNr + ": " + message, cause);
        this.persistenceId = persistenceId;
        this.sequenceNr = sequenceNr;
    }

    public String persistenceId() {
        return persistenceId;
    }

    public long sequenceNr() {
        return sequenceNr;
    }
}
