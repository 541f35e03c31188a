package io.recast.kg.seed;

import io.recast.kg.KgCommand;
import io.recast.kg.v1_0.KgEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Writes a {@link SeedPlan} through the real v1.0 service: each entity is a {@link KgEntity} actor that receives its
 * commands one after another and persists them with Pekko Persistence Cassandra. Several entities run at once.
 */
public final class JournalSeeder {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);

    private final ActorSystem<SpawnProtocol.Command> system;
    private final int parallelism;

    public JournalSeeder(ActorSystem<SpawnProtocol.Command> system, int parallelism) {
        this.system = system;
        this.parallelism = parallelism;
    }

    /** What a seeding wrote. */
    public record SeedResult(int entities, long events, Duration duration) {
        public double eventsPerSecond() {
            return events / Math.max(0.001, duration.toMillis() / 1000.0);
        }
    }

    /** Runs every command of the plan; fails on the first rejected command. */
    public SeedResult write(SeedPlan plan, LongConsumer progress) {
        long started = System.nanoTime();
        AtomicLong written = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < parallelism; w++) {
                futures.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.entities().size(); i = next.getAndIncrement()) {
                        runScript(plan.entities().get(i));
                        progress.accept(written.addAndGet(plan.entities().get(i).commands().size()));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            workers.shutdownNow();
        }
        return new SeedResult(plan.entities().size(), written.get(), Duration.ofNanos(System.nanoTime() - started));
    }

    private void runScript(EntityScript script) throws InterruptedException, ExecutionException, TimeoutException {
        ActorRef<KgEntity.Protocol> entity = AskPattern.<SpawnProtocol.Command, ActorRef<KgEntity.Protocol>>ask(system,
                replyTo -> new SpawnProtocol.Spawn<>(KgEntity.create(script.kind(), script.entityId()),
                        "seed-" + script.persistenceId(), Props.empty(), replyTo),
                ASK_TIMEOUT, system.scheduler()).toCompletableFuture().get(ASK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        try {
            for (KgCommand command : script.commands()) {
                AskPattern.<KgEntity.Protocol, Long>askWithStatus(entity,
                        replyTo -> new KgEntity.Execute(command, replyTo), ASK_TIMEOUT, system.scheduler())
                        .toCompletableFuture().get(ASK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            entity.tell(new KgEntity.Passivate());
        }
    }
}
