package io.recast.projections.views;

import java.util.Optional;

/** Thrown by a {@link RebuildControl} to stop a rebuild on purpose; its offsets stay for a later run to resume. */
public final class RebuildStopped extends RuntimeException {

    /** Why the rebuild stopped. */
    public enum Reason { PAUSED, CANCELLED }

    private final Reason reason;

    public RebuildStopped(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The stop somewhere in a failure's causes (a replay wraps what its ranges throw), if there is one. */
    public static Optional<RebuildStopped> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RebuildStopped stopped) {
                return Optional.of(stopped);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
