package io.recast.engine.plan;

import java.util.List;

/** A migration that did not start, because of what it found; the message says what to do. Nothing was changed. */
public final class MigrationRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> reasons;

    public MigrationRefusedException(String migration, List<String> reasons) {
        super("Migration " + migration + " refused:\n  - " + String.join("\n  - ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** Each reason, with what to do. */
    public List<String> reasons() {
        return reasons;
    }
}
