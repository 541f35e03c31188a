package io.recast.engine.upcast;

import java.util.List;

/**
 * What a migration provides to Recast: the versions it migrates between, its upcaster chain and the
 * collectors of its first pass.
 *
 * <p>Register an implementation in {@code META-INF/services/io.recast.engine.upcast.UpcasterSet} (one class
 * name per line, with a public no-argument constructor) so that {@link UpcasterSets#load()} finds it, or
 * pass it to {@link UpcasterSets#of(UpcasterSet...)}. Build the chain once and return the same instance.
 */
public interface UpcasterSet {

    /**
     * The service version the journal is at before the migration.
     *
     * @return for example {@code 1.0}
     */
    String fromVersion();

    /**
     * The service version the journal is at after the migration.
     *
     * @return for example {@code 1.1}
     */
    String toVersion();

    /**
     * The upcasters of the migration.
     *
     * @return the chain, the same instance on every call
     */
    UpcasterChain chain();

    /**
     * The collectors that fill the {@link UpcastContext} in the first pass. None unless overridden, in
     * which case the first pass is skipped.
     *
     * @return the collectors
     */
    default List<ContextCollector> collectors() {
        return List.of();
    }

    /**
     * How the journal's manifests name event types and revisions. Defaults to Pekko Jackson's convention
     * ({@code com.example.Foo#2}); a set whose service names revisions otherwise overrides it.
     */
    default io.recast.engine.event.ManifestCodec manifests() {
        return new io.recast.engine.event.HashSuffixManifestCodec();
    }
}
