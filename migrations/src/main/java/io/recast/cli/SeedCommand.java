package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.migrate.Progress;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.config.RecastConfig;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.JournalSeeder;
import io.recast.kg.seed.SeedPlan;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code recast seed}: writes a deterministic legacy (v1.0) journal through the real Pekko Persistence plugin. */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Writes a deterministic v1.0 knowledge-graph journal through Pekko Persistence Cassandra.")
final class SeedCommand implements Callable<Integer> {

    @ParentCommand
    RecastCli root;

    @Option(names = "--events", defaultValue = "2000", description = "number of events (default ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--entities", defaultValue = "200", description = "number of entities (default ${DEFAULT-VALUE})")
    int entities;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--parallelism", defaultValue = "32",
            description = "entities written at once (default ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--keyspace", description = "journal keyspace (default: recast.cassandra.keyspace)")
    String keyspace;

    @Option(names = "--direct", description = "write the plugin's rows directly instead of running the entities "
            + "(much faster for large journals; tag views are left empty, as after a truncation)")
    boolean direct;

    @Override
    public Integer call() {
        RecastConfig config = root.config();
        CassandraSettings cassandra = new Endpoints(config, System.out).cassandra();
        if (keyspace != null) {
            cassandra = cassandra.withKeyspace(keyspace);
        }
        SeedPlan plan = plan(events, entities, seed);
        if (direct) {
            seedDirect(config, cassandra, plan, System.out);
        } else {
            seed(config, cassandra, plan, parallelism, System.out);
        }
        return 0;
    }

    /**
     * Generates the plan, which holds every event's command in memory: a heap too small for it gets an error that
     * says how to give the JVM more, in place of the JVM's own {@code OutOfMemoryError}.
     */
    static SeedPlan plan(int events, int entities, long seed) {
        try {
            return SeedPlan.generate(events, entities, seed);
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException(String.format("The seed plan of %,d events does not fit in this JVM's "
                    + "heap of %,d MB (it holds every event's command in memory until the journal is written): give "
                    + "the JVM more, e.g. RECAST_JAVA_OPTS=\"-Xmx4g -XX:+UseParallelGC\" ./recast seed ...", events,
                    Runtime.getRuntime().maxMemory() >> 20), e);
        }
    }

    /** Writes the plan as the plugin's own rows, without running the entities. */
    static void seedDirect(RecastConfig config, CassandraSettings cassandra, SeedPlan plan, PrintStream out) {
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("recast-seed",
                KgActorSystem.config(cassandra, config.firstTimeBucket().orElse(KgActorSystem.firstTimeBucketYesterday())));
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            out.printf("writing %,d events of %,d entities into %s.messages directly...%n", plan.events(),
                    plan.entities().size(), cassandra.keyspace());
            JournalSeeder.SeedResult result = new io.recast.kg.seed.DirectJournalWriter(session, cassandra.keyspace(),
                    system.classicSystem(), 256).write(plan, Progress.every(out, 100_000));
            out.printf("wrote %,d events in %.1f s (%,.0f events/s)%n", result.events(),
                    result.duration().toMillis() / 1000.0, result.eventsPerSecond());
        } finally {
            system.terminate();
        }
    }

    /** Writes the plan through the v1.0 service, after checking that the journal does not hold it already. */
    static JournalSeeder.SeedResult seed(RecastConfig config, CassandraSettings cassandra, SeedPlan plan,
                                         int parallelism, PrintStream out) {
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            boolean tableExists = session.getMetadata().getKeyspace(cassandra.keyspace())
                    .flatMap(ks -> ks.getTable("messages")).isPresent();
            String first = plan.entities().get(0).persistenceId();
            if (tableExists && session.execute("SELECT sequence_nr FROM " + cassandra.keyspace()
                    + ".messages WHERE persistence_id = ? AND partition_nr = 0 LIMIT 1", first).one() != null) {
                throw new IllegalStateException("The journal in keyspace " + cassandra.keyspace() + " already holds "
                        + first + " of this seed: use another --seed or --keyspace, or drop the keyspace first.");
            }
        }
        out.printf("seeding %,d events of %,d entities into %s.messages through Pekko Persistence Cassandra...%n",
                plan.events(), plan.entities().size(), cassandra.keyspace());
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("recast-seed",
                KgActorSystem.config(cassandra, config.firstTimeBucket().orElse(KgActorSystem.firstTimeBucketYesterday())));
        try {
            long step = Math.max(1, plan.events() / 10);
            long[] nextReport = {step};
            JournalSeeder.SeedResult result = new JournalSeeder(system, parallelism).write(plan, written -> {
                synchronized (nextReport) {
                    if (written >= nextReport[0]) {
                        out.printf("  %,d / %,d events%n", written, plan.events());
                        nextReport[0] = (written / step + 1) * step;
                    }
                }
            });
            out.printf("seeded %,d events of %,d entities in %.1f s (%,.0f events/s)%n", result.events(),
                    result.entities(), result.duration().toMillis() / 1000.0, result.eventsPerSecond());
            return result;
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }
}
