package io.recast.engine.view;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a read model: the index or namespace a rebuild wrote, and where it stands.
 *
 * @param view          the read model, e.g. {@code elasticsearch:kg_resources} or {@code rdf:kg}
 * @param version       1, 2, ... in the order the rebuilds started
 * @param target        what the version is stored in, e.g. the index {@code kg_resources_v3}
 * @param runId         the rebuild that writes it (the same run id resumes the same version)
 * @param replayStarted when its replay started: the live projection that follows starts a little before
 * @param activated     when it became the one that serves, if it did
 * @param state         building, active (serving) or retired (kept for rollback until a cleanup drops it)
 */
public record ViewVersion(String view, int version, String target, String runId, Instant replayStarted,
                          Optional<Instant> activated, State state) {

    /** Where a version stands. */
    public enum State { BUILDING, ACTIVE, RETIRED, DROPPED }

    public ViewVersion {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(replayStarted, "replayStarted");
        Objects.requireNonNull(activated, "activated");
        Objects.requireNonNull(state, "state");
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, was " + version);
        }
    }

    public ViewVersion withState(State newState, Optional<Instant> newActivated) {
        return new ViewVersion(view, version, target, runId, replayStarted, newActivated, newState);
    }
}
