package io.recast.projections.views;

import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.view.EntityViewProjector;
import io.recast.engine.view.GraphSink;
import io.recast.engine.view.IndexSink;
import io.recast.engine.view.ViewVersion;
import io.recast.engine.view.ViewVersions;
import io.recast.engine.view.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks the versions that serve against the journal: folds every entity again (in memory, writing nothing) and
 * compares, per read model, the ids and versions it should hold with what it holds. Graph stores are compared by
 * graph names (they keep no version) and by the number of statements the journal's graphs expand to.
 */
public final class ViewVerification {

    /** What one read model's check found. */
    public record Finding(String view, String target, long expected, long found, List<String> missing,
                          List<String> wrongVersion, List<String> unexpected, long expectedStatements,
                          long foundStatements) {

        public boolean clean() {
            return missing.isEmpty() && wrongVersion.isEmpty() && unexpected.isEmpty()
                    && expectedStatements == foundStatements;
        }

        @Override
        public String toString() {
            return view + " (" + target + "): " + found + " of " + expected + " expected"
                    + (expectedStatements > 0 ? ", " + foundStatements + " of " + expectedStatements + " statements" : "")
                    + (missing.isEmpty() ? "" : "; missing e.g. " + missing.stream().limit(LISTED).toList())
                    + (wrongVersion.isEmpty() ? "" : "; wrong version e.g. " + wrongVersion.stream().limit(LISTED)
                    .toList())
                    + (unexpected.isEmpty() ? "" : "; not in the journal e.g. " + unexpected.stream().limit(LISTED)
                    .toList());
        }
    }

    private static final int LISTED = 5;

    private final List<VersionedView> views;
    private final ViewVersions versions;
    private final EntityViewProjector projector;
    private final TokenRangeScanner scanner;
    private final ManifestCodec manifests;
    private final java.util.function.Function<io.recast.engine.view.ResourceGraph, Long> statementsOf;

    /**
     * @param statementsOf how many statements a graph expands to (the graph store's own conversion)
     */
    public ViewVerification(List<VersionedView> views, ViewVersions versions, EntityViewProjector projector,
                            TokenRangeScanner scanner, ManifestCodec manifests,
                            java.util.function.Function<io.recast.engine.view.ResourceGraph, Long> statementsOf) {
        this.views = List.copyOf(views);
        this.versions = versions;
        this.projector = projector;
        this.scanner = scanner;
        this.manifests = manifests;
        this.statementsOf = statementsOf;
    }

    /** Checks every read model that has a serving version; those without one are reported as such. */
    public List<Finding> verify() {
        Map<String, Long> documents = new TreeMap<>();
        Map<String, Long> graphs = new TreeMap<>();
        AtomicLong statements = new AtomicLong();
        IndexSink index = batch -> {
            synchronized (documents) {
                batch.forEach(document -> documents.put(document.id(), document.version()));
            }
            return new WriteOutcome(batch.size(), 0, List.of());
        };
        GraphSink graph = batch -> {
            synchronized (graphs) {
                batch.forEach(g -> {
                    graphs.put(g.graph(), 0L);
                    statements.addAndGet(statementsOf.apply(g));
                });
            }
            return new WriteOutcome(batch.size(), 0, List.of());
        };
        try (ViewWriter writer = new ViewWriter(projector, Optional.of(index), Optional.of(graph), 1_000)) {
            ViewReplay replay = new ViewReplay(scanner, manifests, writer);
            for (int range = 0; range < replay.rangeCount(); range++) {
                replay.replayRange(range);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (VersionedView view : views) {
            Optional<ViewVersion> active = versions.active(view.view());
            if (active.isEmpty()) {
                findings.add(new Finding(view.view(), "no version serves", 0, 0, List.of("(everything)"),
                        List.of(), List.of(), 0, 0));
                continue;
            }
            VersionedView.Contents contents = view.contents(active.get().target());
            boolean isIndex = view.indexSink(active.get().target()).isPresent();
            Map<String, Long> expected = isIndex ? documents : graphs;
            List<String> missing = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            List<String> unexpected = new ArrayList<>();
            expected.forEach((id, version) -> {
                Long found = contents.versions().get(id);
                if (found == null) {
                    missing.add(id);
                } else if (isIndex && !found.equals(version)) {
                    wrong.add(id + " (" + found + " instead of " + version + ")");
                }
            });
            contents.versions().keySet().stream().filter(id -> !expected.containsKey(id)).forEach(unexpected::add);
            findings.add(new Finding(view.view(), active.get().target(), expected.size(), contents.versions().size(),
                    missing, wrong, unexpected, isIndex ? 0 : statements.get(), contents.statements()));
        }
        return findings;
    }
}
