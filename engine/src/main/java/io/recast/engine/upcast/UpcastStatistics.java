package io.recast.engine.upcast;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the chain did, for the reports of a dry run and a rewrite. Thread-safe.
 *
 * <p>Every recorded outcome is counted exactly once as unchanged, upcast (one output), dropped (no output),
 * split (several outputs) or failed, so {@link #total()} is the number of events read. Each upcaster
 * that ran is counted once per event it took part in.
 */
public final class UpcastStatistics {

    private final LongAdder unchanged = new LongAdder();
    private final LongAdder upcast = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder split = new LongAdder();
    private final LongAdder splitOutputs = new LongAdder();
    private final Map<UpcastErrorCode, LongAdder> failed = new EnumMap<>(UpcastErrorCode.class);
    private final Map<String, LongAdder> byUpcaster = new ConcurrentHashMap<>();

    /** Starts at zero. */
    public UpcastStatistics() {
        for (UpcastErrorCode code : UpcastErrorCode.values()) {
            failed.put(code, new LongAdder());
        }
    }

    /**
     * Counts one outcome.
     *
     * @param outcome what the chain made of one event
     * @return this, to chain calls
     */
    public UpcastStatistics record(UpcastOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome instanceof UpcastOutcome.Unchanged) {
            unchanged.increment();
        } else if (outcome instanceof UpcastOutcome.Upcast result) {
            if (result.isDrop()) {
                dropped.increment();
            } else if (result.isSplit()) {
                split.increment();
                splitOutputs.add(result.outputs().size());
            } else {
                upcast.increment();
            }
            result.appliedUpcasters().forEach(name -> byUpcaster.computeIfAbsent(name, n -> new LongAdder()).increment());
        } else if (outcome instanceof UpcastOutcome.Failed failure) {
            failed.get(failure.failure().code()).increment();
        }
        return this;
    }

    /**
     * Events that passed through unchanged.
     *
     * @return the count
     */
    public long unchanged() {
        return unchanged.sum();
    }

    /**
     * Events upcast to exactly one event.
     *
     * @return the count
     */
    public long upcast() {
        return upcast.sum();
    }

    /**
     * Events dropped by an upcaster.
     *
     * @return the count
     */
    public long dropped() {
        return dropped.sum();
    }

    /**
     * Events split into several.
     *
     * @return the count of source events
     */
    public long split() {
        return split.sum();
    }

    /**
     * Events produced by splits.
     *
     * @return the count of output events
     */
    public long splitOutputs() {
        return splitOutputs.sum();
    }

    /**
     * Events that failed with a code.
     *
     * @param code the kind of failure
     * @return the count
     */
    public long failed(UpcastErrorCode code) {
        return failed.get(Objects.requireNonNull(code, "code")).sum();
    }

    /**
     * Events that failed, whatever the code.
     *
     * @return the count
     */
    public long failed() {
        return failed.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Failures per code, codes without failures left out.
     *
     * @return an immutable map in the codes' declaration order
     */
    public Map<UpcastErrorCode, Long> failedByCode() {
        Map<UpcastErrorCode, Long> counts = new EnumMap<>(UpcastErrorCode.class);
        failed.forEach((code, count) -> {
            if (count.sum() > 0) {
                counts.put(code, count.sum());
            }
        });
        return Map.copyOf(counts);
    }

    /**
     * How many events each upcaster took part in.
     *
     * @return an immutable map from {@link Upcaster#name()} to count
     */
    public Map<String, Long> appliedByUpcaster() {
        Map<String, Long> counts = new TreeMap<>();
        byUpcaster.forEach((name, count) -> counts.put(name, count.sum()));
        return Map.copyOf(counts);
    }

    /**
     * Events recorded.
     *
     * @return unchanged + upcast + dropped + split + failed
     */
    public long total() {
        return unchanged() + upcast() + dropped() + split() + failed();
    }

    /**
     * Events the journal holds after the migration for the recorded ones, counting failed events, which
     * stay as they were.
     *
     * @return unchanged + upcast + split outputs + failed
     */
    public long eventsAfter() {
        return unchanged() + upcast() + splitOutputs() + failed();
    }

    /**
     * The counts on one line.
     *
     * @return a summary for logs
     */
    @Override
    public String toString() {
        return "UpcastStatistics(total=" + total() + ", unchanged=" + unchanged() + ", upcast=" + upcast()
                + ", dropped=" + dropped() + ", split=" + split() + " into " + splitOutputs() + ", failed="
                + failedByCode() + ")";
    }
}
