package io.recast.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.upcast.UpcasterSet;
import java.io.PrintStream;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What the steps of a journal migration work with.
 *
 * @param session          a session on the cluster
 * @param system           an actor system configured for the journal (the tag view projections run in it)
 * @param keyspace         the journal keyspace
 * @param upcasters        the migration's upcasters
 * @param tagViews         how the tag views are reset and rebuilt
 * @param scan             how {@code messages} is read
 * @param allowQuarantine  whether quarantined events let the migration go on
 * @param out              where the steps print their reports
 * @param views            the rebuild of the read models (Elasticsearch, RDF) from the migrated journal; empty
 *                         when none is configured
 * @param viewChecks       the check of the read models that serve against the journal; empty when none is
 *                         configured
 * @param rebuildsAtOnce   whether the tag views are rebuilt at the same time as the read models are replayed
 */
public record MigrationSetup(CqlSession session, ActorSystem<?> system, String keyspace, UpcasterSet upcasters,
                             TagViewRepair tagViews, TokenRangeScanner.Settings scan, boolean allowQuarantine,
                             PrintStream out, java.util.Optional<io.recast.projections.views.ViewRebuild> views,
                             java.util.Optional<io.recast.projections.views.ViewVerification> viewChecks,
                             boolean rebuildsAtOnce) {

    public MigrationSetup {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(upcasters, "upcasters");
        Objects.requireNonNull(tagViews, "tagViews");
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(viewChecks, "viewChecks");
    }

    /** The plugin's snapshot keyspace of the journal. */
    public String snapshotKeyspace() {
        return keyspace + "_snapshot";
    }
}
