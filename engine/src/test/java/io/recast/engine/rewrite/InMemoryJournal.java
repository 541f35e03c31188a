package io.recast.engine.rewrite;

import io.recast.engine.event.StoredEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;

/**
 * A journal in memory, for the rewrite tests: persistence id to its events, read in slices by id (a hash of the id
 * unless told otherwise), ids of a slice in name order, one thread. It is also the sink, applying rewrites to its own
 * rows, and the store of checkpoints and contexts. It records every call it gets, and can crash a run on demand.
 */
final class InMemoryJournal implements JournalSource, JournalSink, RewriteStore {

    /** What {@link #interruptAfter(int)} throws. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    /** One call of {@link #quarantine(String, PidRewrite.HeldBack)}. */
    record Quarantine(String runId, PidRewrite.HeldBack heldBack) {
    }

    private final int slices;
    private final ToIntFunction<String> slicer;
    private final Map<String, List<StoredEvent>> rows = new TreeMap<>();
    private final Map<String, List<PidRewrite.Quarantined>> unreadable = new HashMap<>();

    private final Map<String, Set<Integer>> completed = new HashMap<>();
    private final Map<String, byte[]> contexts = new HashMap<>();
    private final List<PidRewrite.Rewritten> applied = new ArrayList<>();
    private final List<Quarantine> quarantines = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private long rowsWritten;
    private int reads;

    private int interruptAfter = -1;
    private int completedSinceArmed;

    /** A journal read in {@code slices} slices by the hash of the id. */
    InMemoryJournal(int slices) {
        this(slices, id -> Math.floorMod(id.hashCode(), slices));
    }

    InMemoryJournal(int slices, ToIntFunction<String> slicer) {
        this.slices = slices;
        this.slicer = slicer;
    }

    /** Adds events, each to its persistence id's rows, in sequence-number order. */
    InMemoryJournal with(StoredEvent... events) {
        for (StoredEvent event : events) {
            List<StoredEvent> list = new ArrayList<>(rows.getOrDefault(event.persistenceId(), List.of()));
            list.add(event);
            list.sort(Comparator.comparingLong(StoredEvent::sequenceNr));
            rows.put(event.persistenceId(), List.copyOf(list));
        }
        return this;
    }

    /** Adds a row that cannot even be read as an event. */
    InMemoryJournal withUnreadable(PidRewrite.Quarantined row) {
        rows.putIfAbsent(row.persistenceId(), List.of());
        unreadable.computeIfAbsent(row.persistenceId(), id -> new ArrayList<>()).add(row);
        return this;
    }

    /** After {@code slices} more slices are checkpointed, the next id handed out makes the read throw. */
    void interruptAfter(int slices) {
        interruptAfter = slices;
        completedSinceArmed = 0;
    }

    /** The readable events, id by id: an immutable copy. */
    Map<String, List<StoredEvent>> events() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    List<StoredEvent> events(String persistenceId) {
        return rows.get(persistenceId);
    }

    List<PidRewrite.Rewritten> applied() {
        return List.copyOf(applied);
    }

    List<Quarantine> quarantines() {
        return List.copyOf(quarantines);
    }

    long rowsWritten() {
        return rowsWritten;
    }

    int reads() {
        return reads;
    }

    @Override
    public int sliceCount() {
        return slices;
    }

    @Override
    public ScanSummary read(Set<Integer> skip, Consumer<PersistenceIdEvents> handler, IntConsumer sliceDone) {
        reads++;
        long rowCount = 0;
        long ids = 0;
        int read = 0;
        int skipped = 0;
        for (int slice = 0; slice < slices; slice++) {
            if (skip.contains(slice)) {
                skipped++;
                continue;
            }
            for (String id : idsIn(slice)) {
                PersistenceIdEvents pid = new PersistenceIdEvents(id, rows.get(id), unreadable.getOrDefault(id, List.of()));
                handler.accept(pid);
                rowCount += pid.rowCount();
                ids++;
                if (interruptAfter >= 0 && completedSinceArmed >= interruptAfter) {
                    interruptAfter = -1;
                    throw new SimulatedCrash("killed in slice " + slice + " after " + id);
                }
            }
            read++;
            sliceDone.accept(slice);
        }
        return new ScanSummary(rowCount, ids, read, skipped);
    }

    private List<String> idsIn(int slice) {
        return rows.keySet().stream().filter(id -> slicer.applyAsInt(id) == slice).toList();
    }

    /**
     * In place: a backup and a new row per changed event. Renumbered: a backup of every old row, every new row, and
     * a deletion of each old row past the new last one.
     */
    @Override
    public java.util.concurrent.CompletionStage<Long> apply(PidRewrite.Rewritten rewrite) {
        applied.add(rewrite);
        log.add("apply " + rewrite.persistenceId());
        List<StoredEvent> old = rows.get(rewrite.persistenceId());
        long written;
        if (rewrite.renumbered()) {
            written = old.size() + rewrite.outputs().size() + Math.max(0, old.size() - rewrite.outputs().size());
            rows.put(rewrite.persistenceId(), rewrite.outputs());
        } else {
            Map<Long, StoredEvent> bySequenceNr = new TreeMap<>();
            old.forEach(event -> bySequenceNr.put(event.sequenceNr(), event));
            List<EventRewrite> changed = rewrite.changed();
            for (EventRewrite event : changed) {
                StoredEvent output = event.outputs().get(0);
                bySequenceNr.put(output.sequenceNr(), output);
            }
            written = 2L * changed.size();
            rows.put(rewrite.persistenceId(), List.copyOf(bySequenceNr.values()));
        }
        rowsWritten += written;
        return java.util.concurrent.CompletableFuture.completedFuture(written);
    }

    @Override
    public void quarantine(String runId, PidRewrite.HeldBack heldBack) {
        quarantines.add(new Quarantine(runId, heldBack));
        log.add("quarantine " + heldBack.persistenceId());
    }

    @Override
    public Set<Integer> completedSlices(String runId) {
        return Set.copyOf(completed.getOrDefault(runId, Set.of()));
    }

    @Override
    public void sliceCompleted(String runId, int slice) {
        completed.computeIfAbsent(runId, id -> new TreeSet<>()).add(slice);
        completedSinceArmed++;
        log.add("checkpoint " + slice);
    }

    @Override
    public Optional<byte[]> context(String runId) {
        return Optional.ofNullable(contexts.get(runId)).map(byte[]::clone);
    }

    @Override
    public void saveContext(String runId, byte[] context) {
        contexts.put(runId, context.clone());
        log.add("save context");
    }

    /** Every write, in order: {@code save context}, {@code apply <id>}, {@code quarantine <id>}, {@code checkpoint <slice>}. */
    List<String> log() {
        return List.copyOf(log);
    }
}
