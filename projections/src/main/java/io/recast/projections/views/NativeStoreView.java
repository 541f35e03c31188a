package io.recast.projections.views;

import io.recast.adapters.rdf.NativeStoreGraphSink;
import io.recast.engine.view.GraphSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An RDF read model in an embedded RDF4J native store, for when no SPARQL endpoint is wanted: version {@code N} is
 * the folder {@code <dir>/<prefix>_v<N>}.
 */
public final class NativeStoreView implements VersionedView {

    private final Path dir;
    private final String prefix;
    private final Map<String, NativeStoreGraphSink> open = new HashMap<>();

    public NativeStoreView(Path dir, String prefix) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public String view() {
        return "rdf-native:" + prefix;
    }

    @Override
    public String targetOf(int version) {
        return prefix + "_v" + version;
    }

    @Override
    public void create(String target) {
        try {
            Files.createDirectories(dir.resolve(target));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the RDF store folder " + dir.resolve(target), e);
        }
    }

    @Override
    public void activate(String target) {
        if (!Files.isDirectory(dir.resolve(target))) {
            throw new IllegalStateException("The RDF store " + dir.resolve(target) + " to activate does not exist");
        }
    }

    @Override
    public synchronized void drop(String target) {
        NativeStoreGraphSink sink = open.remove(target);
        if (sink != null) {
            sink.close();
        }
        Path folder = dir.resolve(target);
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot drop the RDF store " + folder, e);
        }
    }

    @Override
    public synchronized Optional<GraphSink> graphSink(String target) {
        return Optional.of(open.computeIfAbsent(target, t -> new NativeStoreGraphSink(dir.resolve(t))));
    }

    /** The store of a target, to read it. */
    public synchronized NativeStoreGraphSink store(String target) {
        return open.computeIfAbsent(target, t -> new NativeStoreGraphSink(dir.resolve(t)));
    }

    @Override
    public synchronized void close() {
        open.values().forEach(NativeStoreGraphSink::close);
        open.clear();
    }

    @Override
    public Contents contents(String target) {
        io.recast.adapters.rdf.GraphReader reader = store(target).reader();
        java.util.Map<String, Long> graphs = new java.util.TreeMap<>();
        reader.graphs().forEach(graph -> graphs.put(graph, 0L));
        return new Contents(graphs, reader.statementCount());
    }

    @Override
    public boolean exists(String target) {
        return Files.isDirectory(dir.resolve(target));
    }
}
