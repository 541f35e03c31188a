package io.recast.kg.v1_0;

import io.recast.kg.KgCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.kg.KgActorSystem;
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
