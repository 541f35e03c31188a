package io.recast.migrate;

/** The rewrite left events quarantined and the operator did not allow it: the migration stops after the rewrite. */
public final class QuarantinedEventsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long quarantined;

    public QuarantinedEventsException(long quarantined, String keyspace) {
        super(quarantined + " events were quarantined (left unchanged, listed above and in " + keyspace
                + ".recast_quarantine): fix them or their upcasters and run the migration again (it resumes), or"
                + " pass --allow-quarantine to go on without them");
        this.quarantined = quarantined;
    }

    public long quarantined() {
        return quarantined;
    }
}
