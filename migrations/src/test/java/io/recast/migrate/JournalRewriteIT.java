package io.recast.migrate;

import static io.recast.migrate.RewriteFixture.SCAN;
import static io.recast.migrate.RewriteFixture.UPCASTERS;
import static io.recast.migrate.RewriteFixture.rewrite;
import static io.recast.migrate.RewriteFixture.seed;
import static io.recast.migrate.RewriteFixture.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalRollback;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.kg.KgActorSystem;
import io.recast.kg.KgCommand;
import io.recast.kg.ProjectDirectory;
import io.recast.kg.ProjectDirectory.ProjectInfo;
import io.recast.kg.migration.KnowledgeGraphUpcasters;
import io.recast.kg.seed.EntityScript;
import io.recast.kg.seed.JournalSeeder;
import io.recast.kg.seed.SeedPlan;
import io.recast.kg.v1_1.Domain;
import io.recast.kg.v1_1.EntityState;
import io.recast.kg.v1_1.KgEntity;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;

/** The v1.0 -> v1.1 rewrite of a journal written by the real v1.0 service, on the real Cassandra. */
@RealServers
class JournalRewriteIT {


    private static String keyspace() {
        return RewriteFixture.keyspace("rewrite_it_");
    }

    @Test
    void migratesALegacyJournalSoThatTheV11ServiceRecoversEveryEntity(LocalCassandra cassandra) throws Exception {
        String keyspace = keyspace();
        CassandraSettings settings = settings(cassandra, keyspace);
        SeedPlan plan = SeedPlan.generate(1_500, 150, 21);
        seed(settings, plan);

        try (CqlSession session = CassandraSessions.open(settings)) {
            JournalDump legacy = JournalDump.of(session, keyspace);
            assertEquals(1_500, legacy.events());

            // a dry run writes nothing anywhere, yet reports what a run would do
            Set<String> tablesBefore = tables(session, keyspace);
            RewriteResult dry = rewrite(session, keyspace, RewriteOptions.dryRun("dry-1"));
            assertEquals(legacy, JournalDump.of(session, keyspace), "a dry run leaves the journal identical");
            assertEquals(tablesBefore, tables(session, keyspace), "a dry run creates no table");
            assertTrue(dry.dryRun());
            assertEquals(1_500, dry.eventsRead());
            assertTrue(dry.clean(), () -> "quarantined: " + dry.listed());
            assertFalse(dry.samples().isEmpty());

            RewriteResult run = rewrite(session, keyspace, RewriteOptions.run("run-1"));
            assertTrue(run.clean(), () -> "quarantined: " + run.listed());
            assertEquals(dry.upcastEvents(), run.upcastEvents(), "the dry run predicted the run");
            assertEquals(dry.droppedEvents(), run.droppedEvents());
            assertEquals(dry.splitEvents(), run.splitEvents());
            assertTrue(run.droppedEvents() > 0 && run.splitEvents() > 0 && run.renumberedIds() > 0);
            JournalDump migrated = JournalDump.of(session, keyspace);
            assertEquals(1_500 - run.droppedEvents() + run.splitEvents(), migrated.events());
            assertTrue(migrated.rows().values().stream().flatMap(java.util.List::stream)
                    .allMatch(row -> row.serManifest().startsWith("io.recast.kg.v1_1.")), "every event is v1.1");

            // every entity recovers, through Pekko Persistence, the state the v1.1 domain computes from the commands
            assertV11ServiceRecoversEveryEntity(settings, plan);

            // idempotent: a second run changes nothing
            RewriteResult again = rewrite(session, keyspace, RewriteOptions.run("run-2"));
            assertEquals(0, again.rewrittenIds());
            assertEquals(0, again.rowsWritten());
            assertEquals(migrated, JournalDump.of(session, keyspace));

            // rollback restores the legacy journal byte for byte
            JournalRollback.Result rolledBack = new JournalRollback(session, keyspace, keyspace + "_snapshot", "1.0").run();
            assertTrue(rolledBack.rowsRestored() > 0);
            assertEquals(legacy, JournalDump.of(session, keyspace), "rollback restores every row byte for byte");
        }
    }

    @Test
    void aKilledRunResumesFromItsCheckpointsAndEndsLikeAnUninterruptedOne(LocalCassandra cassandra) throws Exception {
        SeedPlan plan = SeedPlan.generate(1_200, 120, 33);
        String interrupted = keyspace();
        String uninterrupted = keyspace();
        seed(settings(cassandra, interrupted), plan);
        seed(settings(cassandra, uninterrupted), plan);

        try (CqlSession session = CassandraSessions.open(settings(cassandra, interrupted))) {
            rewrite(session, uninterrupted, RewriteOptions.run("whole"));

            // the first attempt dies after some slices: a failure injected into its progress callback
            AtomicInteger seen = new AtomicInteger();
            assertThrows(RuntimeException.class, () -> RewriteStep.run(session, interrupted, interrupted + "_snapshot",
                    UPCASTERS, KnowledgeGraphUpcasters.MANIFESTS, RewriteOptions.run("crashy"), SCAN, n -> {
                        if (seen.incrementAndGet() == 40) {
                            throw new IllegalStateException("killed");
                        }
                    }));
            assertNotEquals(JournalDump.of(session, uninterrupted).contents(), JournalDump.of(session, interrupted).contents(),
                    "the first attempt stopped half way");

            RewriteResult resumed = rewrite(session, interrupted, RewriteOptions.run("crashy"));
            assertTrue(resumed.slicesSkipped() > 0, "the resumed run skips finished slices");
            assertTrue(resumed.clean(), () -> "quarantined: " + resumed.listed());
            assertEquals(JournalDump.of(session, uninterrupted).contents(), JournalDump.of(session, interrupted).contents());
        }
    }

    private static Set<String> tables(CqlSession session, String keyspace) {
        session.refreshSchema();
        return session.getMetadata().getKeyspace(keyspace).orElseThrow().getTables().keySet().stream()
                .map(id -> id.asInternal()).collect(java.util.stream.Collectors.toSet());
    }

    private static void assertV11ServiceRecoversEveryEntity(CassandraSettings settings, SeedPlan plan) throws Exception {
        ProjectDirectory projects = directory(plan);
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("v11",
                KgActorSystem.config(settings, KgActorSystem.firstTimeBucketYesterday()));
        Duration timeout = Duration.ofSeconds(30);
        try {
            for (EntityScript script : plan.entities()) {
                EntityState expected = EntityState.initial(script.kind());
                for (KgCommand command : script.commands()) {
                    for (io.recast.kg.v1_1.KgEvent event : Domain.decide(expected, command, projects)) {
                        expected = Domain.evolve(expected, event);
                    }
                }
                ActorRef<KgEntity.Protocol> entity = AskPattern.<SpawnProtocol.Command, ActorRef<KgEntity.Protocol>>ask(
                        system, replyTo -> new SpawnProtocol.Spawn<>(KgEntity.create(script.kind(), script.entityId(),
                                projects), "v11-" + script.persistenceId(), Props.empty(), replyTo), timeout,
                        system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
                EntityState recovered = AskPattern.<KgEntity.Protocol, EntityState>ask(entity, KgEntity.GetState::new,
                        timeout, system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
                entity.tell(new KgEntity.Passivate());
                assertEquals(expected, recovered, script.persistenceId());
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static ProjectDirectory directory(SeedPlan plan) {
        Map<String, KgCommand.CreateProject> projects = new HashMap<>();
        Map<String, String> volumes = new HashMap<>();
        for (EntityScript script : plan.entities()) {
            for (KgCommand command : script.commands()) {
                if (command instanceof KgCommand.CreateProject p) {
                    projects.put(p.entityId(), p);
                } else if (command instanceof KgCommand.CreateStorage s) {
                    volumes.put(s.project(), s.volume());
                }
            }
        }
        return uuid -> Optional.ofNullable(projects.get(uuid)).map(p -> new ProjectInfo(p.organizationUuid(), p.base(),
                p.vocab(), volumes.get(uuid)));
    }
}
