package io.recast.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraJournalRewrite;
import io.recast.adapters.cassandra.CassandraRetry;
import io.recast.adapters.cassandra.CassandraRewriteStore;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.migration.WriteFence;
import io.recast.engine.rewrite.JournalRewrite;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteProgress;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.engine.rewrite.RewriteStore;
import io.recast.engine.upcast.UpcasterSet;
import java.util.Optional;
import java.util.Set;

/** The journal rewrite on Cassandra: the engine's {@link JournalRewrite} over the Cassandra adapter. */
public final class RewriteStep {

    private RewriteStep() {
    }

    /**
     * Rewrites (or, with {@link RewriteOptions#dryRun()}, reads and reports) the journal of {@code keyspace}.
     *
     * @param snapshotKeyspace the plugin's snapshot keyspace
     */
    public static RewriteResult run(CqlSession session, String keyspace, String snapshotKeyspace,
                                    UpcasterSet upcasters, ManifestCodec manifests, RewriteOptions options,
                                    TokenRangeScanner.Settings scan, RewriteProgress progress) {
        return run(session, keyspace, snapshotKeyspace, upcasters, manifests, options, scan, progress, WriteFence.NONE);
    }

    /**
     * The same, checking {@code fence} before every write (the migration lock: a runner that lost it stops writing),
     * and waiting out a Cassandra that does not answer for up to {@link TokenRangeScanner.Settings#giveUpAfter()}.
     */
    public static RewriteResult run(CqlSession session, String keyspace, String snapshotKeyspace,
                                    UpcasterSet upcasters, ManifestCodec manifests, RewriteOptions options,
                                    TokenRangeScanner.Settings scan, RewriteProgress progress, WriteFence fence) {
        boolean journalExists = session.getMetadata().getKeyspace(keyspace)
                .flatMap(ks -> ks.getTable(JournalSchema.MESSAGES)).isPresent();
        if (!journalExists) {
            throw new IllegalStateException("No journal in keyspace " + keyspace + " (table messages is missing): "
                    + "check recast.cassandra.keyspace");
        }
        CassandraJournalRewrite journal = new CassandraJournalRewrite(session, manifests,
                new CassandraJournalRewrite.Settings(keyspace, snapshotKeyspace, upcasters.fromVersion(),
                        options.runId(), JournalSchema.DEFAULT_TARGET_PARTITION_SIZE, scan, options.dryRun()), fence);
        RewriteStore store = options.dryRun() ? NO_STORE : new CassandraRewriteStore(session, keyspace,
                new CassandraRetry(session, scan.giveUpAfter(), fence));
        return new JournalRewrite(upcasters, journal, journal, store).run(options, progress, fence);
    }

    /** A dry run keeps no checkpoint and saves no context. */
    private static final RewriteStore NO_STORE = new RewriteStore() {
        @Override
        public Set<Integer> completedSlices(String runId) {
            return Set.of();
        }

        @Override
        public void sliceCompleted(String runId, int slice) {
        }

        @Override
        public Optional<byte[]> context(String runId) {
            return Optional.empty();
        }

        @Override
        public void saveContext(String runId, byte[] context) {
        }
    };
}
