package io.recast.engine.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Recast records of each read model's versions, so that a rebuild resumes into the version it started, the
 * live projection knows where to start, and a switch or a cleanup knows what serves. Adapters implement it.
 */
public interface ViewVersions {

    /** Every version of the view, in version order. */
    List<ViewVersion> versions(String view);

    /** The version that serves, if any. */
    default Optional<ViewVersion> active(String view) {
        return versions(view).stream().filter(v -> v.state() == ViewVersion.State.ACTIVE).findFirst();
    }

    /** The version that a run writes, if it started one. */
    default Optional<ViewVersion> ofRun(String view, String runId) {
        return versions(view).stream().filter(v -> v.runId().equals(runId)).findFirst();
    }

    /** Stores a version (insert or replace). */
    void save(ViewVersion version);

    /** Makes a version the one that serves; the one that served before becomes retired. */
    default ViewVersion activate(String view, int version, Instant now) {
        ViewVersion activated = null;
        for (ViewVersion v : versions(view)) {
            if (v.version() == version) {
                activated = v.withState(ViewVersion.State.ACTIVE, Optional.of(now));
                save(activated);
            } else if (v.state() == ViewVersion.State.ACTIVE) {
                save(v.withState(ViewVersion.State.RETIRED, v.activated()));
            }
        }
        if (activated == null) {
            throw new IllegalArgumentException("No version " + version + " of " + view);
        }
        return activated;
    }
}
