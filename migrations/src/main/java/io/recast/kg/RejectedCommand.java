package io.recast.kg;

/** A command that the domain refuses; the message names the entity and why. */
public final class RejectedCommand extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RejectedCommand(KgCommand command, String reason) {
        super(command.getClass().getSimpleName() + " on " + command.persistenceId() + " rejected: " + reason);
    }
}
