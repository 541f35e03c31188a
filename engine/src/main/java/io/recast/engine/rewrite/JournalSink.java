package io.recast.engine.rewrite;

/** Writes the rewrite into a journal. Adapters implement it; every method is idempotent. */
public interface JournalSink {

    /**
     * Applies one persistence id's rewrite: first copies every row it changes to the backup, then writes the new
     * rows (in place, or, when {@link PidRewrite.Rewritten#renumbered()}, replacing all rows of the id at once and
     * removing its snapshots after backing them up).
     *
     * <p>The returned stage may complete later (writes in flight); the rewrite waits for every stage of a slice
     * before it checkpoints the slice. The id's rows must be captured before this method returns.
     *
     * @return the rows written (backups, journal rows and deletions), once written
     */
    java.util.concurrent.CompletionStage<Long> apply(PidRewrite.Rewritten rewrite);

    /** Records the failed events of a held-back id (with their original bytes); the journal is left as it is. */
    void quarantine(String runId, PidRewrite.HeldBack heldBack);
}
