package io.recast.engine.rewrite;

import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcastOutcome;
import io.recast.engine.upcast.UpcastStatistics;
import io.recast.engine.upcast.UpcasterChain;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for one persistence id, what its rewrite is: each event through the chain; all or nothing per id; a
 * renumbering when an event is dropped or split. Pure: it writes nothing. Thread-safe.
 *
 * <p>The statistics count what the rewrite does: every outcome of an id that is rewritten or left unchanged, but
 * only the failures of an id that is held back, whose other events stay as they are and so are not upcast,
 * dropped or split.
 */
public final class PidRewritePlanner {

    private final UpcasterChain chain;
    private final UpcastStatistics statistics;

    public PidRewritePlanner(UpcasterChain chain, UpcastStatistics statistics) {
        this.chain = chain;
        this.statistics = statistics;
    }

    public PidRewrite plan(PersistenceIdEvents pid, UpcastContext context) {
        List<EventRewrite> rewrites = new ArrayList<>(pid.events().size());
        List<UpcastOutcome> outcomes = new ArrayList<>(pid.events().size());
        List<PidRewrite.Quarantined> failures = new ArrayList<>(pid.unreadable());
        boolean changed = false;
        boolean renumber = false;
        for (StoredEvent event : pid.events()) {
            UpcastOutcome outcome = chain.upcast(event, context);
            outcomes.add(outcome);
            if (outcome instanceof UpcastOutcome.Unchanged) {
                rewrites.add(new EventRewrite(event, List.of(event)));
            } else if (outcome instanceof UpcastOutcome.Upcast upcast) {
                rewrites.add(new EventRewrite(event, upcast.outputs()));
                changed = true;
                renumber |= upcast.outputs().size() != 1;
            } else if (outcome instanceof UpcastOutcome.Failed failed) {
                failures.add(new PidRewrite.Quarantined(pid.persistenceId(), event.sequenceNr(),
                        event.type().toString(), failed.failure()));
            }
        }
        if (!failures.isEmpty()) {
            outcomes.stream().filter(UpcastOutcome.Failed.class::isInstance).forEach(statistics::record);
            return new PidRewrite.HeldBack(pid.persistenceId(), failures, pid.rowCount());
        }
        outcomes.forEach(statistics::record);
        if (!changed) {
            return new PidRewrite.Unchanged(pid.persistenceId(), pid.events().size());
        }
        return new PidRewrite.Rewritten(pid.persistenceId(), renumber ? renumbered(rewrites) : rewrites, renumber);
    }

    /** Sequence numbers run on from the first event's, in order, across split outputs and past dropped events. */
    private static List<EventRewrite> renumbered(List<EventRewrite> rewrites) {
        long next = rewrites.get(0).source().sequenceNr();
        List<EventRewrite> result = new ArrayList<>(rewrites.size());
        for (EventRewrite rewrite : rewrites) {
            List<StoredEvent> outputs = new ArrayList<>(rewrite.outputs().size());
            for (StoredEvent output : rewrite.outputs()) {
                outputs.add(output.sequenceNr() == next ? output : output.toBuilder().sequenceNr(next).build());
                next++;
            }
            result.add(new EventRewrite(rewrite.source(), outputs));
        }
        return result;
    }

}
