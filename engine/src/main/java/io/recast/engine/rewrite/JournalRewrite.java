package io.recast.engine.rewrite;

import io.recast.engine.event.StoredEvent;
import io.recast.engine.migration.WriteFence;
import io.recast.engine.upcast.ContextPass;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastStatistics;
import io.recast.engine.upcast.UpcasterSet;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a journal with an {@link UpcasterSet}: a first pass collects the upcasters' context (saved, so a resumed run
 * uses the same), then every persistence id goes through a {@link PidRewritePlanner} and what changed is written by
 * the {@link JournalSink}; finished slices are checkpointed in the {@link RewriteStore}. A dry run does both passes and
 * writes nothing anywhere.
 */
public final class JournalRewrite {

    private static final Logger log = LoggerFactory.getLogger(JournalRewrite.class);
    /** Rewrites of one slice whose writes may be in flight at once. */
    private static final int MAX_PENDING_PER_SLICE = 64;

    private final UpcasterSet upcasters;
    private final JournalSource source;
    private final JournalSink sink;
    private final RewriteStore store;

    public JournalRewrite(UpcasterSet upcasters, JournalSource source, JournalSink sink, RewriteStore store) {
        this.upcasters = upcasters;
        this.source = source;
        this.sink = sink;
        this.store = store;
    }

    /** Runs (or resumes) the rewrite, telling {@code progress} of the events read and the slices done. */
    public RewriteResult run(RewriteOptions options, RewriteProgress progress) {
        return run(options, progress, WriteFence.NONE);
    }

    /**
     * Runs (or resumes) the rewrite, checking {@code fence} before each write: the context's save, each persistence
     * id's rewrite or quarantine, each slice's checkpoint. When the fence throws (the lock was lost), the rewrite
     * stops with that exception: the slices it had not checkpointed are read again by the next run.
     */
    public RewriteResult run(RewriteOptions options, RewriteProgress progress, WriteFence fence) {
        long started = System.nanoTime();
        Context context = context(options, fence);
        long contextDone = System.nanoTime();

        Set<Integer> skip = options.dryRun() ? Set.of() : store.completedSlices(options.runId());
        int slicesToRead = Math.max(0, source.sliceCount() - skip.size());
        AtomicLong slicesDone = new AtomicLong();
        UpcastStatistics statistics = new UpcastStatistics();
        PidRewritePlanner planner = new PidRewritePlanner(upcasters.chain(), statistics);
        Tally tally = new Tally(options);
        ThreadLocal<Deque<CompletableFuture<Long>>> pending = ThreadLocal.withInitial(ArrayDeque::new);
        ThreadLocal<boolean[]> heldBackInSlice = ThreadLocal.withInitial(() -> new boolean[1]);
        JournalSource.ScanSummary summary = source.read(skip, pid -> {
            PidRewrite rewrite = planner.plan(pid, context.context);
            tally.count(pid, rewrite);
            if (!options.dryRun()) {
                fence.check();
                if (rewrite instanceof PidRewrite.Rewritten rewritten) {
                    Deque<CompletableFuture<Long>> inFlight = pending.get();
                    inFlight.add(sink.apply(rewritten).toCompletableFuture());
                    while (inFlight.size() > MAX_PENDING_PER_SLICE) {
                        tally.rowsWritten.addAndGet(inFlight.poll().join());
                    }
                } else if (rewrite instanceof PidRewrite.HeldBack heldBack) {
                    sink.quarantine(options.runId(), heldBack);
                    heldBackInSlice.get()[0] = true;
                }
            }
            progress.eventsRead(tally.events.addAndGet(pid.rowCount()));
        }, slice -> {
            if (!options.dryRun()) {
                Deque<CompletableFuture<Long>> inFlight = pending.get();
                while (!inFlight.isEmpty()) {
                    tally.rowsWritten.addAndGet(inFlight.poll().join());
                }
                boolean[] heldBack = heldBackInSlice.get();
                if (heldBack[0]) {
                    // not checkpointed: running the same run again reads this slice again, so fixed events get in
                    heldBack[0] = false;
                } else {
                    fence.check();
                    store.sliceCompleted(options.runId(), slice);
                }
            }
            progress.sliceDone((int) slicesDone.incrementAndGet(), slicesToRead,
                    Duration.ofNanos(System.nanoTime() - contextDone));
        });
        long done = System.nanoTime();
        Map<UpcastErrorCode, Long> byCode = new EnumMap<>(UpcastErrorCode.class);
        tally.quarantinedByCode.forEach((code, n) -> byCode.put(code, n.get()));
        return new RewriteResult(options.dryRun(), upcasters.chain().checksum(), summary.rows(),
                summary.persistenceIds(), tally.unchanged.get(), tally.rewritten.get(), tally.renumbered.get(),
                tally.heldBack.get(), statistics.upcast(), statistics.dropped(), statistics.split(),
                tally.eventsAfter.get(), tally.rowsWritten.get(), statistics.appliedByUpcaster(),
                tally.quarantined.get(), byCode, tally.listed, context.failures, tally.samples,
                summary.slicesSkipped(), Duration.ofNanos(contextDone - started), Duration.ofNanos(done - contextDone));
    }

    private record Context(UpcastContext context, List<io.recast.engine.upcast.UpcastFailure> failures) {
    }

    /** The saved context of this run, or a first pass over the whole journal (saved unless dry). */
    private Context context(RewriteOptions options, WriteFence fence) {
        if (upcasters.collectors().isEmpty()) {
            return new Context(UpcastContext.empty(), List.of());
        }
        if (!options.dryRun()) {
            Optional<byte[]> saved = store.context(options.runId());
            if (saved.isPresent()) {
                log.info("resuming run {} with the context saved by its first pass", options.runId());
                return new Context(ContextCodec.decode(saved.get(), upcasters.getClass().getClassLoader()).snapshot(),
                        List.of());
            }
        }
        ContextPass pass = new ContextPass(upcasters.collectors());
        boolean narrowed = upcasters.collectors().stream().noneMatch(c -> c.persistenceIdPrefixes().isEmpty());
        if (narrowed) {
            List<String> prefixes = upcasters.collectors().stream().flatMap(c -> c.persistenceIdPrefixes().stream())
                    .toList();
            source.readSelected(id -> prefixes.stream().anyMatch(id::startsWith),
                    pid -> pid.events().forEach(pass::accept));
        } else {
            source.read(Set.of(), pid -> pid.events().forEach(pass::accept), slice -> { });
        }
        if (!options.dryRun()) {
            fence.check();
            store.saveContext(options.runId(), ContextCodec.encode(pass.entries()));
        }
        return new Context(pass.context(), pass.failures());
    }

    /** Counts of the rewrite pass, shared by the reading threads. */
    private static final class Tally {
        final RewriteOptions options;
        final AtomicLong events = new AtomicLong();
        final AtomicLong unchanged = new AtomicLong();
        final AtomicLong rewritten = new AtomicLong();
        final AtomicLong renumbered = new AtomicLong();
        final AtomicLong heldBack = new AtomicLong();
        final AtomicLong eventsAfter = new AtomicLong();
        final AtomicLong rowsWritten = new AtomicLong();
        final AtomicLong quarantined = new AtomicLong();
        final Map<UpcastErrorCode, AtomicLong> quarantinedByCode = new java.util.concurrent.ConcurrentHashMap<>();
        final List<PidRewrite.Quarantined> listed = Collections.synchronizedList(new ArrayList<>());
        final List<RewriteSample> samples = Collections.synchronizedList(new ArrayList<>());

        Tally(RewriteOptions options) {
            this.options = options;
        }

        void count(PersistenceIdEvents pid, PidRewrite rewrite) {
            if (rewrite instanceof PidRewrite.Unchanged) {
                unchanged.incrementAndGet();
            } else if (rewrite instanceof PidRewrite.Rewritten r) {
                rewritten.incrementAndGet();
                if (r.renumbered()) {
                    renumbered.incrementAndGet();
                }
                int after = 0;
                for (EventRewrite event : r.events()) {
                    after += event.outputs().size();
                }
                eventsAfter.addAndGet(after);
                sample(r);
            } else if (rewrite instanceof PidRewrite.HeldBack h) {
                heldBack.incrementAndGet();
                for (PidRewrite.Quarantined q : h.failures()) {
                    quarantined.incrementAndGet();
                    quarantinedByCode.computeIfAbsent(q.failure().code(), c -> new AtomicLong()).incrementAndGet();
                    synchronized (listed) {
                        if (listed.size() < options.listedLimit()) {
                            listed.add(q);
                        }
                    }
                }
            }
        }

        private void sample(PidRewrite.Rewritten rewritten) {
            if (samples.size() >= options.samples()) {
                return;
            }
            synchronized (samples) {
                for (EventRewrite rewrite : rewritten.changed()) {
                    if (samples.size() >= options.samples()) {
                        return;
                    }
                    boolean newKind = samples.stream().noneMatch(s -> s.before().startsWith(rewrite.source().type() + " "));
                    if (newKind) {
                        samples.add(new RewriteSample(rewritten.persistenceId(), rewrite.source().sequenceNr(),
                                describe(rewrite.source()), rewrite.outputs().stream().map(o -> "#" + o.sequenceNr()
                                        + " " + describe(o)).toList()));
                    }
                }
            }
        }

        private static String describe(StoredEvent event) {
            return event.type() + " " + new String(event.payload().bytes(), java.nio.charset.StandardCharsets.UTF_8)
                    + " tags=" + event.tags();
        }
    }
}
