package io.recast.engine.upcast;

import io.recast.engine.event.MalformedPayloadException;
import io.recast.engine.event.StoredEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The first pass over the journal: feeds events to the {@link ContextCollector}s that collect their type
 * and gathers the {@link UpcastContext} for the second pass.
 *
 * <p>Events whose type no collector wants are not decoded. A collector that throws does not stop the pass:
 * the failure is kept in {@link #failures()} for the report, and upcasts that needed the missing entry
 * fail later with {@code MISSING_CONTEXT}. Thread-safe: token ranges may be fed in parallel.
 */
public final class ContextPass {

    private final List<ContextCollector> collectors;
    private final MutableUpcastContext context = new MutableUpcastContext();
    private final ConcurrentLinkedQueue<UpcastFailure> failures = new ConcurrentLinkedQueue<>();

    /**
     * Starts a pass.
     *
     * @param collectors the migration's collectors, see {@link UpcasterSet#collectors()}
     */
    public ContextPass(List<? extends ContextCollector> collectors) {
        this.collectors = List.copyOf(Objects.requireNonNull(collectors, "collectors"));
    }

    /**
     * Whether the pass has anything to do; without collectors a migration can skip the first pass.
     *
     * @return true if there is at least one collector
     */
    public boolean isNeeded() {
        return !collectors.isEmpty();
    }

    /**
     * Feeds one event to the collectors that collect its type.
     *
     * @param event an event from the journal
     */
    public void accept(StoredEvent event) {
        Objects.requireNonNull(event, "event");
        for (ContextCollector collector : collectors) {
            if (!collector.collects(event.type())) {
                continue;
            }
            String name = collector.getClass().getName();
            try {
                collector.collect(event, context);
            } catch (MalformedPayloadException e) {
                failures.add(UpcastFailure.malformedPayload(event, name, e));
            } catch (Exception e) {
                failures.add(UpcastFailure.upcasterFailed(event, name, e));
            }
        }
    }

    /**
     * The context collected so far.
     *
     * @return an immutable snapshot
     */
    public UpcastContext context() {
        return context.snapshot();
    }

    /**
     * The events that collectors could not read.
     *
     * @return the failures so far, in the order they happened
     */
    public List<UpcastFailure> failures() {
        return List.copyOf(failures);
    }

    /** Every entry collected so far (see {@link MutableUpcastContext#entries()}). */
    public java.util.Map<ContextKey<?>, java.util.Map<String, Object>> entries() {
        return context.entries();
    }
}
