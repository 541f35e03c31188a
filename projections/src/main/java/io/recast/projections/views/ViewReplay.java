package io.recast.projections.views;

import io.recast.adapters.cassandra.EntityJournal;
import io.recast.adapters.cassandra.JournalRow;
import io.recast.adapters.cassandra.ScanListener;
import io.recast.adapters.cassandra.TokenRange;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.event.UnknownManifestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The replay's work for one token range of {@code messages}: reads the range, folds each persistence id's events
 * (which arrive together and in order) into its views and writes them, and returns once everything is written.
 * Running a range again writes the same documents and graphs again, which the sinks store once.
 *
 * <p>Entities are folded from their first event: an entity whose first event in the journal is not #1 (its earlier
 * events were deleted) or that spans several journal partitions is refused and recorded, not folded from a part.
 */
public final class ViewReplay {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ViewReplay.class);

    private final TokenRangeScanner scanner;
    private final ManifestCodec manifests;
    private final ViewWriter writer;
    private final RebuildControl control;

    public ViewReplay(TokenRangeScanner scanner, ManifestCodec manifests, ViewWriter writer) {
        this(scanner, manifests, writer, RebuildControl.NONE);
    }

    /** A replay that asks {@code control} before each row it reads (a rate limit, a pause). */
    public ViewReplay(TokenRangeScanner scanner, ManifestCodec manifests, ViewWriter writer,
                      RebuildControl control) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.manifests = Objects.requireNonNull(manifests, "manifests");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.control = Objects.requireNonNull(control, "control");
    }

    /** How many ranges the journal is read in. */
    public int rangeCount() {
        return scanner.ranges().size();
    }

    /** What the replay of one range did. */
    public record RangeResult(int rangeIndex, long rows, ViewWriter.Counts counts, Duration duration) {
    }

    /** Replays one range; returns when its views are written. */
    public RangeResult replayRange(int rangeIndex) {
        long started = System.nanoTime();
        Set<TokenRange> skip = scanner.ranges().stream().filter(range -> range.index() != rangeIndex)
                .collect(Collectors.toSet());
        if (skip.size() == scanner.ranges().size()) {
            throw new IllegalArgumentException("No token range " + rangeIndex + ": the replay has "
                    + scanner.ranges().size() + " ranges");
        }
        ViewWriter.Batch batch = writer.replayBatch();
        Grouper grouper = new Grouper(batch);
        long rows = scanner.scan(skip, (range, row) -> {
            control.admit();
            grouper.accept(row);
        }, ScanListener.NONE).rows();
        grouper.finish();
        long read = System.nanoTime();
        ViewWriter.Counts counts = batch.flush().plus(grouper.refused());
        if (log.isDebugEnabled()) {
            log.debug("range {}: {} rows read and folded in {} ms, the rest written in {} ms", rangeIndex, rows,
                    (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
        }
        return new RangeResult(rangeIndex, rows, counts, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Collects the rows of one persistence id, then hands its events to the batch. */
    private final class Grouper {

        private final ViewWriter.Batch batch;
        private final List<ViewRejection> refused = new ArrayList<>();
        private String persistenceId;
        private long partitionNr;
        private final List<StoredEvent> events = new ArrayList<>();
        private ViewRejection refusal;

        Grouper(ViewWriter.Batch batch) {
            this.batch = batch;
        }

        void accept(JournalRow row) {
            if (!row.persistenceId().equals(persistenceId) || row.partitionNr() != partitionNr) {
                finish();
                persistenceId = row.persistenceId();
                partitionNr = row.partitionNr();
                if (partitionNr > 0) {
                    refusal = new ViewRejection(persistenceId, row.sequenceNr(), "replay", "the entity spans "
                            + "several journal partitions (more events than the plugin's target-partition-size); "
                            + "the replay folds entities from one partition only");
                } else if (row.sequenceNr() != 1) {
                    refusal = new ViewRejection(persistenceId, row.sequenceNr(), "replay", "the entity's events "
                            + "before #" + row.sequenceNr() + " were deleted, so its state cannot be folded from "
                            + "the journal");
                }
            }
            if (refusal != null) {
                return;
            }
            try {
                events.add(EntityJournal.event(row, manifests));
            } catch (UnknownManifestException e) {
                refusal = new ViewRejection(row.persistenceId(), row.sequenceNr(), "replay",
                        "unknown manifest " + row.serManifest() + ": " + e.getMessage());
            }
        }

        void finish() {
            if (refusal != null) {
                refused.add(refusal);
            } else if (!events.isEmpty()) {
                batch.add(List.copyOf(events));
            }
            events.clear();
            refusal = null;
        }

        ViewWriter.Counts refused() {
            return new ViewWriter.Counts(0, 0, 0, 0, 0, refused);
        }
    }
}
