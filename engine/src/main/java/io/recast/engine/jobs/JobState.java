package io.recast.engine.jobs;

/** Where a reindexing job stands. */
public enum JobState {
    /** A process runs it (or ran it until it was killed: see the job's heartbeat). */
    RUNNING,
    /** Stopped at an operator's request; its offsets stay, {@code resume} goes on from them. */
    PAUSED,
    /** Given up at an operator's request; its version is retired (dropped by the next cleanup). */
    CANCELLED,
    /** Its version serves. */
    DONE,
    /** Stopped by an error; running it again resumes from its offsets. */
    FAILED;

    /** Whether nothing more can happen to the job. */
    public boolean finished() {
        return this == CANCELLED || this == DONE;
    }

    /** The lowercase name operators see and type. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
