package io.recast.engine.rewrite;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** Reads a journal, persistence id by persistence id, in slices that can be checkpointed. Adapters implement it. */
public interface JournalSource {

    /** The number of slices (token ranges, say) the journal is read in; checkpoints name slices by index. */
    int sliceCount();

    /**
     * Reads every slice not in {@code skip}: each persistence id whose events lie there is handed to {@code handler}
     * once, with all its events in sequence-number order; when a slice is finished (its ids handled),
     * {@code sliceDone} gets its index, on the thread that handled the slice's ids. Calls may come from several
     * threads at once (one per slice being read), never two at once for one id.
     *
     * @return how much was read
     */
    ScanSummary read(Set<Integer> skip, Consumer<PersistenceIdEvents> handler, IntConsumer sliceDone);

    /**
     * Reads only the persistence ids that {@code select} accepts, each whole and once, for a first pass that needs a
     * few ids. The default reads everything and filters; adapters can do better (list the ids, read those).
     */
    default ScanSummary readSelected(java.util.function.Predicate<String> select,
                                     Consumer<PersistenceIdEvents> handler) {
        return read(Set.of(), pid -> {
            if (select.test(pid.persistenceId())) {
                handler.accept(pid);
            }
        }, slice -> { });
    }

    /** How much a {@link #read} read. */
    record ScanSummary(long rows, long persistenceIds, int slicesRead, int slicesSkipped) {
    }
}
