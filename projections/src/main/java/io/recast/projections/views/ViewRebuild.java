package io.recast.projections.views;

import io.recast.adapters.cassandra.EntityJournal;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.migration.WriteFence;
import io.recast.engine.view.EntityViewProjector;
import io.recast.engine.view.GraphSink;
import io.recast.engine.view.IndexSink;
import io.recast.engine.view.ViewVersion;
import io.recast.engine.view.ViewVersions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds read models from the journal into new versions and switches to them once they have caught up:
 * <ol>
 *   <li>each view gets the version of this run id (a new one, or the one a killed run with the same id started);</li>
 *   <li>the journal is replayed into them by token ranges ({@link ViewReplayProjection}, resumable);</li>
 *   <li>the live projection of the run ({@link LiveViewProjection}, {@code eventsByTag} from a little before the
 *   replay started) catches up with whatever was written meanwhile;</li>
 *   <li>only then each view is activated (alias switched, version recorded as active); the version that served
 *   before is retired, kept until a cleanup.</li>
 * </ol>
 * The live projection's offsets stay, named after the run, for the service to go on from them.
 */
public final class ViewRebuild {

    private static final Logger log = LoggerFactory.getLogger(ViewRebuild.class);

    /** How a rebuild runs. */
    public record Settings(int slices, int batchSize, int liveGroupSize, Duration timeout, Set<String> liveTags) {

        public Settings {
            liveTags = Set.copyOf(liveTags);
        }
    }

    /** What a rebuild did. */
    public record Result(String runId, List<ViewVersion> activated, ViewReplayProjection.Result replay,
                         ViewWriter.Counts catchUp, Duration duration, boolean catchUpSkipped) {

        public Result(String runId, List<ViewVersion> activated, ViewReplayProjection.Result replay,
                      ViewWriter.Counts catchUp, Duration duration) {
            this(runId, activated, replay, catchUp, duration, false);
        }
    }

    private final List<VersionedView> views;
    private final ViewVersions versions;
    private final EntityViewProjector projector;
    private final TokenRangeScanner scanner;
    private final EntityJournal journal;
    private final ManifestCodec manifests;
    private final ProjectionOffsets offsets;
    private final Settings settings;
    private final Clock clock;
    private final Optional<SharedViewReplay.Cluster> cluster;
    private final WriteFence fence;

    public ViewRebuild(List<VersionedView> views, ViewVersions versions, EntityViewProjector projector,
                       TokenRangeScanner scanner, EntityJournal journal, ManifestCodec manifests,
                       ProjectionOffsets offsets, Settings settings, Clock clock) {
        if (views.isEmpty()) {
            throw new IllegalArgumentException("Nothing to rebuild: no view is configured");
        }
        this.views = List.copyOf(views);
        this.versions = Objects.requireNonNull(versions, "versions");
        this.projector = Objects.requireNonNull(projector, "projector");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.manifests = Objects.requireNonNull(manifests, "manifests");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cluster = Optional.empty();
        this.fence = WriteFence.NONE;
    }

    private ViewRebuild(ViewRebuild rebuild, Optional<SharedViewReplay.Cluster> cluster, WriteFence fence) {
        this.views = rebuild.views;
        this.versions = rebuild.versions;
        this.projector = rebuild.projector;
        this.scanner = rebuild.scanner;
        this.journal = rebuild.journal;
        this.manifests = rebuild.manifests;
        this.offsets = rebuild.offsets;
        this.settings = rebuild.settings;
        this.clock = rebuild.clock;
        this.cluster = cluster;
        this.fence = Objects.requireNonNull(fence, "fence");
    }

    /**
     * The same rebuild, its replay shared with the other nodes of the Pekko cluster that join it when the actor
     * system runs Pekko Cluster ({@code recast worker}); in a single JVM it runs as before.
     */
    public ViewRebuild sharedWith(SharedViewReplay.Cluster cluster) {
        return new ViewRebuild(this, Optional.of(cluster), fence);
    }

    /**
     * The same rebuild, checking {@code fence} (the migration lock) before each write of this process: each version
     * recorded or created, each request to the sinks, each range's and each live batch's offset, each switch. A
     * runner that lost its lock stops with the fence's exception. Nodes that join a shared replay hold no lock and are
     * not fenced.
     */
    public ViewRebuild fencedBy(WriteFence value) {
        return new ViewRebuild(this, cluster, value);
    }

    /** The name of a run's live projection, which the service goes on with once the run has activated its views. */
    public static String liveName(String runId) {
        return "run-" + runId;
    }

    /** What the rebuild does once it has switched to the new versions. */
    public enum AfterSwitch {
        /** Stops its live projection (nothing else writes the read models: a migration). */
        STOP,
        /**
         * Catches up once more before it stops its live projection: a service whose live projection handled an
         * event just before the switch wrote it into the old version only; this catch-up writes it into the new one.
         */
        CATCH_UP_AGAIN
    }

    /**
     * How one run goes: progress shown, a control (rate limit, pause, cancel), what happens after the switch, and
     * optionally the journal's write counts: with them, a run whose replay read every range while nothing wrote to
     * {@code messages} skips the catch-up over {@code eventsByTag} (which waits out the plugin's eventual-consistency
     * delay to find nothing), since the replay has then seen every event; and what the catch-up waits for before it
     * reads the tag views (a migration rebuilds them while its replay runs).
     */
    public record Options(io.recast.projections.RangeProgress progress, RebuildControl control,
                          AfterSwitch afterSwitch, Optional<io.recast.adapters.cassandra.JournalWrites> journalWrites,
                          Runnable beforeCatchUp) {

        public static final Options DEFAULT = new Options(io.recast.projections.RangeProgress.NONE,
                RebuildControl.NONE, AfterSwitch.STOP);

        public Options {
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(control, "control");
            Objects.requireNonNull(afterSwitch, "afterSwitch");
            Objects.requireNonNull(journalWrites, "journalWrites");
            Objects.requireNonNull(beforeCatchUp, "beforeCatchUp");
        }

        public Options(io.recast.projections.RangeProgress progress, RebuildControl control,
                       AfterSwitch afterSwitch, Optional<io.recast.adapters.cassandra.JournalWrites> journalWrites) {
            this(progress, control, afterSwitch, journalWrites, () -> { });
        }

        public Options(io.recast.projections.RangeProgress progress, RebuildControl control,
                       AfterSwitch afterSwitch) {
            this(progress, control, afterSwitch, Optional.empty());
        }

        /** These options, skipping the catch-up when {@code writes} proves that the journal was quiet. */
        public Options withQuietJournalCheck(io.recast.adapters.cassandra.JournalWrites writes) {
            return new Options(progress, control, afterSwitch, Optional.of(writes), beforeCatchUp);
        }

        /**
         * These options, running {@code wait} before the catch-up reads {@code eventsByTag}: it returns once the tag
         * views hold every event of the journal (or throws), for a rebuild that runs while they are rebuilt.
         */
        public Options withCatchUpAfter(Runnable wait) {
            return new Options(progress, control, afterSwitch, journalWrites, wait);
        }
    }

    /**
     * Runs or resumes the rebuild of every view; returns once they serve from their new versions. A run id whose
     * versions already serve returns at once (a resumed plan); one whose versions were replaced is refused.
     */
    public Result run(ActorSystem<?> system, String runId) {
        return run(system, runId, Options.DEFAULT);
    }

    /** As {@link #run(ActorSystem, String)}, telling {@code progress} of each range the replay finishes. */
    public Result run(ActorSystem<?> system, String runId, io.recast.projections.RangeProgress progress) {
        return run(system, runId, new Options(progress, RebuildControl.NONE, AfterSwitch.STOP));
    }

    /**
     * The versions that the run builds, recorded now if they are not yet (the next version of each view): a job
     * records where it writes before it writes.
     */
    public List<ViewVersion> prepare(String runId) {
        List<ViewVersion> building = new ArrayList<>();
        for (VersionedView view : views) {
            building.add(versionOf(view, runId));
        }
        return building;
    }

    /**
     * As {@link #run(ActorSystem, String)}, steered by {@code options}: the control may stop the run before the
     * switch by throwing {@link RebuildStopped} (rethrown as it is, offsets kept); once the switch is made the run
     * finishes.
     */
    public Result run(ActorSystem<?> system, String runId, Options options) {
        long started = System.nanoTime();
        RebuildControl control = options.control();
        List<ViewVersion> building = prepare(runId);
        Instant replayStarted = building.stream().map(ViewVersion::replayStarted).min(Instant::compareTo)
                .orElseThrow();
        if (building.stream().allMatch(v -> v.state() == ViewVersion.State.ACTIVE)) {
            log.info("view rebuild {}: done before, its versions serve", runId);
            ViewWriter.Counts again = ViewWriter.Counts.NONE;
            if (options.afterSwitch() == AfterSwitch.CATCH_UP_AGAIN) {
                // a run killed after its switch: its catch-up after the switch may not have ended
                again = catchUpAgain(system, runId, building, replayStarted);
            }
            return new Result(runId, building, new ViewReplayProjection.Result(runId, 0, 0, 0,
                    ViewWriter.Counts.NONE, Duration.ZERO), again, Duration.ofNanos(System.nanoTime() - started));
        }
        try (ViewWriter writer = writerInto(building)) {
            control.enter(RebuildControl.Step.REPLAY);
            ViewReplayProjection replay = new ViewReplayProjection(runId,
                    new ViewReplay(scanner, manifests, writer, control), offsets, settings.slices()).fencedBy(fence);
            if (cluster.isPresent()) {
                java.util.Map<String, String> targets = new java.util.LinkedHashMap<>();
                building.forEach(version -> targets.put(version.view(), version.target()));
                replay = replay.sharedAs(cluster.get(), new SharedViewReplay.Work(targets, settings.batchSize(),
                        control.maxRatePerNode()));
            }
            Optional<io.recast.adapters.cassandra.JournalWrites.Reading> writesBefore = options.journalWrites()
                    .flatMap(io.recast.adapters.cassandra.JournalWrites::tryRead);
            ViewReplayProjection.Result replayed;
            try {
                replayed = replay.run(system, settings.timeout(), options.progress());
            } catch (RuntimeException e) {
                throw RebuildStopped.in(e).map(RuntimeException.class::cast).orElse(e);
            }
            log.info("view rebuild {}: replay done ({} rows, {} entities, {} rejected); catching up", runId,
                    replayed.rows(), replayed.counts().entities(), replayed.counts().rejections().size());
            control.enter(RebuildControl.Step.CATCH_UP);
            if (options.afterSwitch() == AfterSwitch.STOP && replayedQuietly(runId, replayed, writesBefore, options)) {
                control.enter(RebuildControl.Step.SWITCH);
                return new Result(runId, activate(building), replayed, ViewWriter.Counts.NONE,
                        Duration.ofNanos(System.nanoTime() - started), true);
            }
            options.beforeCatchUp().run();
            LiveViewProjection live = new LiveViewProjection(liveName(runId), settings.liveTags(), journal, writer,
                    offsets, replayStarted, settings.liveGroupSize());
            live.start(system);
            try {
                if (options.afterSwitch() == AfterSwitch.CATCH_UP_AGAIN) {
                    // the service writes meanwhile: catch up with what was written until now, not with a quiet journal
                    live.awaitCaughtUpTo(system, clock.instant(), settings.timeout());
                } else {
                    live.awaitCaughtUp(system, settings.timeout());
                }
                control.enter(RebuildControl.Step.SWITCH);
                List<ViewVersion> activated = activate(building);
                if (options.afterSwitch() == AfterSwitch.CATCH_UP_AGAIN) {
                    Instant switched = clock.instant();
                    enterAfterSwitch(control);
                    live.awaitCaughtUpTo(system, switched, settings.timeout());
                    log.info("view rebuild {}: caught up again with what was written before the switch", runId);
                }
                return new Result(runId, activated, replayed, live.counts(),
                        Duration.ofNanos(System.nanoTime() - started));
            } finally {
                live.stop();
            }
        }
    }

    /**
     * Whether this run's replay read every range (none resumed past from an earlier process) while nothing wrote to
     * the journal: then every event is in the new versions and a catch-up would find nothing.
     */
    private static boolean replayedQuietly(String runId, ViewReplayProjection.Result replayed,
            Optional<io.recast.adapters.cassandra.JournalWrites.Reading> before, Options options) {
        if (before.isEmpty() || replayed.rangesResumedPast() > 0 || replayed.sharing().isPresent()) {
            return false;
        }
        Optional<io.recast.adapters.cassandra.JournalWrites.Reading> after = options.journalWrites().orElseThrow()
                .tryRead();
        long written = after.map(reading -> reading.writesSince(before.get())).orElse(-1L);
        if (written == 0) {
            log.info("view rebuild {}: nothing wrote to the journal during the replay (its write counts did not"
                    + " move), so the replay saw every event; no catch-up", runId);
            return true;
        }
        log.info("view rebuild {}: {} during the replay; catching up from eventsByTag", runId,
                written < 0 ? "cannot tell whether the journal was written" : written + " writes to the journal");
        return false;
    }

    private ViewWriter writerInto(List<ViewVersion> building) {
        Optional<IndexSink> index = Optional.empty();
        Optional<GraphSink> graph = Optional.empty();
        for (int i = 0; i < views.size(); i++) {
            VersionedView view = views.get(i);
            String target = building.get(i).target();
            fence.check();
            view.create(target);
            index = index.or(() -> view.indexSink(target));
            graph = graph.or(() -> view.graphSink(target));
        }
        return new ViewWriter(projector, index, graph, settings.batchSize(), fence);
    }

    private List<ViewVersion> activate(List<ViewVersion> building) {
        List<ViewVersion> activated = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            ViewVersion version = building.get(i);
            fence.check();
            views.get(i).activate(version.target());
            activated.add(versions.activate(version.view(), version.version(), clock.instant()));
            log.info("view {} now serves from {} (version {})", version.view(), version.target(),
                    version.version());
        }
        return activated;
    }

    private static void enterAfterSwitch(RebuildControl control) {
        try {
            control.enter(RebuildControl.Step.CATCH_UP_AFTER_SWITCH);
        } catch (RebuildStopped stopped) {
            // the new versions serve: the catch-up that follows the switch finishes the job, whatever was asked
            log.info("view rebuild: {} asked after the switch; finishing the catch-up first", stopped.reason());
        }
    }

    private ViewWriter.Counts catchUpAgain(ActorSystem<?> system, String runId, List<ViewVersion> serving,
                                           Instant replayStarted) {
        try (ViewWriter writer = writerInto(serving)) {
            LiveViewProjection live = new LiveViewProjection(liveName(runId), settings.liveTags(), journal, writer,
                    offsets, replayStarted, settings.liveGroupSize());
            live.start(system);
            try {
                live.awaitCaughtUpTo(system, clock.instant(), settings.timeout());
            } finally {
                live.stop();
            }
            return live.counts();
        }
    }

    private ViewVersion versionOf(VersionedView view, String runId) {
        Optional<ViewVersion> started = versions.ofRun(view.view(), runId);
        if (started.isPresent()) {
            if (started.get().state() == ViewVersion.State.RETIRED
                    || started.get().state() == ViewVersion.State.DROPPED) {
                throw new IllegalStateException("The run " + runId + " built version " + started.get().version()
                        + " of " + view.view() + ", which a later rebuild replaced (" + started.get().state()
                        + "); start a rebuild with another run id");
            }
            return started.get();
        }
        int next = versions.versions(view.view()).stream().mapToInt(ViewVersion::version).max().orElse(0) + 1;
        while (view.exists(view.targetOf(next))) {
            // left by a rebuild whose records are gone: never write into (or drop) what Recast did not record
            log.warn("{} exists but is not in Recast's records; the rebuild takes the next version", view.targetOf(next));
            next++;
        }
        ViewVersion version = new ViewVersion(view.view(), next, view.targetOf(next), runId, clock.instant(),
                Optional.empty(), ViewVersion.State.BUILDING);
        fence.check();
        versions.save(version);
        return version;
    }
}
