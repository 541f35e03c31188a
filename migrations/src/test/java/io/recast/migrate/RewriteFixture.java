package io.recast.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.kg.KgActorSystem;
import io.recast.kg.migration.KnowledgeGraphUpcasters;
import io.recast.kg.seed.JournalSeeder;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;

/** What the rewrite's integration tests share: fresh keyspaces, a journal seeded by the v1.0 service, the rewrite. */
final class RewriteFixture {

    static final KnowledgeGraphUpcasters UPCASTERS = new KnowledgeGraphUpcasters();
    static final TokenRangeScanner.Settings SCAN = TokenRangeScanner.Settings.defaults().withRangeCount(32)
            .withMaxInFlight(4);
    private static final AtomicInteger KEYSPACES = new AtomicInteger();

    private RewriteFixture() {
    }

    /** A keyspace name not used before in this test run. */
    static String keyspace(String prefix) {
        return prefix + System.currentTimeMillis() % 100_000 + "_" + KEYSPACES.incrementAndGet();
    }

    static CassandraSettings settings(LocalCassandra cassandra, String keyspace) {
        return CassandraSettings.local("127.0.0.1", cassandra.nativePort(), LocalCassandra.DATACENTER, keyspace);
    }

    /** Writes the plan through the real v1.0 service. */
    static void seed(CassandraSettings settings, SeedPlan plan) throws Exception {
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("seed",
                KgActorSystem.config(settings, KgActorSystem.firstTimeBucketYesterday()));
        try {
            new JournalSeeder(system, 16).write(plan, n -> { });
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** The v1.0 -> v1.1 rewrite of a keyspace. */
    static RewriteResult rewrite(CqlSession session, String keyspace, RewriteOptions options) {
        return RewriteStep.run(session, keyspace, keyspace + "_snapshot", UPCASTERS, KnowledgeGraphUpcasters.MANIFESTS,
                options, SCAN, n -> { });
    }
}
