package io.recast.kg.v1_0;

import io.recast.kg.KgCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.EntityScript;
import io.recast.kg.seed.JournalSeeder;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;

@RealServers
class KgEntityIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void entitiesPersistThroughThePluginAndRecoverTheStateTheDomainComputes(LocalCassandra cassandra) throws Exception {
        CassandraSettings settings = CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, "kg_entity_it_" + System.currentTimeMillis());
        SeedPlan plan = SeedPlan.generate(600, 60, 11);

        ActorSystem<SpawnProtocol.Command> writer = KgActorSystem.start("writer",
                KgActorSystem.config(settings, KgActorSystem.firstTimeBucketYesterday()));
        try {
            assertEquals(600, new JournalSeeder(writer, 8).write(plan, n -> { }).events());
        } finally {
            writer.terminate();
            writer.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        // a new actor system: every entity is recovered from the journal alone
        ActorSystem<SpawnProtocol.Command> reader = KgActorSystem.start("reader",
                KgActorSystem.config(settings, KgActorSystem.firstTimeBucketYesterday()));
        try {
            for (EntityScript script : plan.entities()) {
                EntityState expected = EntityState.initial(script.kind());
                for (KgCommand command : script.commands()) {
                    expected = Domain.evolve(expected, Domain.decide(expected, command));
                }
                assertEquals(expected, recover(reader, script), script.persistenceId());
            }
        } finally {
            reader.terminate();
            reader.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJournalWrittenDirectlyHoldsThePluginsOwnRowsAndRecoversLikeOneWrittenByTheService(LocalCassandra cassandra)
            throws Exception {
        long id = System.currentTimeMillis();
        CassandraSettings viaService = CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, "kg_service_" + id);
        CassandraSettings direct = CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, "kg_direct_" + id);
        SeedPlan plan = SeedPlan.generate(500, 50, 13);

        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("writer",
                KgActorSystem.config(viaService, KgActorSystem.firstTimeBucketYesterday()));
        try (CqlSession session = CassandraSessions.open(direct)) {
            new JournalSeeder(system, 8).write(plan, n -> { });
            assertEquals(500, new DirectJournalWriter(session, direct.keyspace(), system.classicSystem(), 64)
                    .write(plan, n -> { }).events());
            assertEquals(rows(session, viaService.keyspace()), rows(session, direct.keyspace()),
                    "same partition, sequence number, serializer, manifest, bytes and tags as the plugin writes");
            assertEquals(50L, session.execute("SELECT count(*) FROM " + direct.keyspace() + ".all_persistence_ids")
                    .one().getLong(0));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        ActorSystem<SpawnProtocol.Command> reader = KgActorSystem.start("reader",
                KgActorSystem.config(direct, KgActorSystem.firstTimeBucketYesterday()));
        try {
            for (EntityScript script : plan.entities()) {
                EntityState expected = EntityState.initial(script.kind());
                for (KgCommand command : script.commands()) {
                    expected = Domain.evolve(expected, Domain.decide(expected, command));
                }
                assertEquals(expected, recover(reader, script), script.persistenceId());
            }
        } finally {
            reader.terminate();
            reader.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Each row's content, not the moment it was written (timestamp, time bucket and writer differ by nature). */
    private static java.util.Map<String, String> rows(CqlSession session, String keyspace) {
        java.util.Map<String, String> rows = new java.util.TreeMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT persistence_id, partition_nr, sequence_nr,"
                + " ser_id, ser_manifest, event_manifest, event, tags FROM " + keyspace + ".messages").setPageSize(1000))) {
            rows.put(row.getString(0) + "#" + row.getLong(2), row.getLong(1) + " " + row.getInt(3) + " "
                    + row.getString(4) + " [" + row.getString(5) + "] "
                    + java.nio.charset.StandardCharsets.UTF_8.decode(row.getByteBuffer(6)) + " "
                    + new java.util.TreeSet<>(row.getSet(7, String.class)));
        }
        return rows;
    }

    private static EntityState recover(ActorSystem<SpawnProtocol.Command> system, EntityScript script) throws Exception {
        ActorRef<KgEntity.Protocol> entity = AskPattern.<SpawnProtocol.Command, ActorRef<KgEntity.Protocol>>ask(system,
                replyTo -> new SpawnProtocol.Spawn<>(KgEntity.create(script.kind(), script.entityId()),
                        "recover-" + script.persistenceId(), Props.empty(), replyTo), TIMEOUT, system.scheduler())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        EntityState state = AskPattern.<KgEntity.Protocol, EntityState>ask(entity, KgEntity.GetState::new, TIMEOUT,
                system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        entity.tell(new KgEntity.Passivate());
        return state;
    }
}
