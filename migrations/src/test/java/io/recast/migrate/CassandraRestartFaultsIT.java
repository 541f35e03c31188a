package io.recast.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteProgress;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.faults.FaultsSummary;
import io.recast.kg.KgActorSystem;
import io.recast.kg.migration.KnowledgeGraphUpcasters;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The real Cassandra stopped in the middle of the journal rewrite: once a third of the events were read, every
 * reading thread waits at its next id until the server's process has exited, then goes on into a Cassandra that is
 * not there. Restarted a few seconds later, the rewrite waits for it (logging what it waits for) and ends with
 * {@code messages} equal to an uninterrupted run's; left down past {@code recast.cassandra.give-up-after}, the run
 * fails naming the server and the setting, and the next run resumes from the checkpoints and ends the same. Part of
 * the fault-injection suite ({@code mvn verify -Pfaults}): each restart of Cassandra takes half a minute.
 */
@RealServers
@ExtendWith(FaultsSummary.class)
class CassandraRestartFaultsIT {

    private static final SeedPlan SEED = SeedPlan.generate(4_000, 300, 17);
    private static final String SETTING = "recast.cassandra.give-up-after";

    private static LocalCassandra cassandra;
    private static CqlSession session;
    private static Map<String, String> reference;
    private static RewriteResult referenceRun;

    @BeforeAll
    static void rewriteWithoutAnOutage(LocalCassandra server) throws Exception {
        cassandra = server;
        session = CassandraSessions.open(RewriteFixture.settings(server, "system"));
        String keyspace = seeded("restart_ref");
        referenceRun = RewriteFixture.rewrite(session, keyspace, RewriteOptions.run("restart"));
        reference = JournalContent.of(session, keyspace);
        assertTrue(referenceRun.rewrittenIds() > 0 && referenceRun.clean(), "the reference run rewrote the journal");
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
        if (cassandra != null) {
            cassandra.start();
        }
    }

    @Test
    void aRewriteWaitsForACassandraRestartedUnderItAndEndsLikeAnUninterruptedRun() throws Exception {
        String keyspace = seeded("restart_outage");
        ListAppender<ILoggingEvent> logged = captureLogs();
        Outage outage = new Outage(referenceRun.eventsRead() / 3, Duration.ofSeconds(3));

        long started = System.nanoTime();
        RewriteResult run = RewriteStep.run(session, keyspace, keyspace + "_snapshot", RewriteFixture.UPCASTERS,
                KnowledgeGraphUpcasters.MANIFESTS, RewriteOptions.run("restart"), RewriteFixture.SCAN, outage);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        outage.awaitRestarted();

        Map<String, String> after = JournalContent.of(session, keyspace);
        boolean same = reference.equals(after) && run.eventsRead() == referenceRun.eventsRead()
                && run.clean();
        FaultsSummary.outage("Cassandra restarted during the rewrite", same);
        System.out.printf("cassandra restart: the rewrite took %d ms, Cassandra was down %d ms%n", tookMillis,
                outage.downMillis());
        assertTrue(outage.stopped.get(), "Cassandra was stopped during the rewrite");
        assertEquals(referenceRun.eventsRead(), run.eventsRead(), "every event read once");
        assertEquals(referenceRun.rewrittenIds(), run.rewrittenIds());
        assertEquals(referenceRun.eventsAfter(), run.eventsAfter());
        assertEquals(reference, after, "messages equals an uninterrupted run's: nothing missing or duplicated");
        List<String> waits = warnings(logged);
        assertTrue(waits.stream().anyMatch(line -> line.contains("does not answer") && line.contains(SETTING)
                && line.contains("127.0.0.1:" + cassandra.nativePort())), () -> "logged waits: " + waits);
        assertTrue(logged.list.stream().anyMatch(event -> event.getFormattedMessage().contains("answers again")),
                "logged that Cassandra answers again");
    }

    @Test
    void aCassandraDownPastTheLimitFailsTheRunNamingTheServerAndTheSettingAndTheNextRunResumes() throws Exception {
        String keyspace = seeded("restart_down");
        Outage outage = new Outage(referenceRun.eventsRead() / 3, null);
        TokenRangeScanner.Settings impatient = RewriteFixture.SCAN.withGiveUpAfter(Duration.ofSeconds(4));

        RuntimeException failed = assertThrows(RuntimeException.class, () -> RewriteStep.run(session, keyspace,
                keyspace + "_snapshot", RewriteFixture.UPCASTERS, KnowledgeGraphUpcasters.MANIFESTS,
                RewriteOptions.run("restart"), impatient, outage));
        cassandra.start();
        awaitSession();
        RewriteResult resumed = RewriteFixture.rewrite(session, keyspace, RewriteOptions.run("restart"));

        Map<String, String> after = JournalContent.of(session, keyspace);
        String message = failed.getMessage();
        boolean named = message.contains("Cassandra at [127.0.0.1:" + cassandra.nativePort() + "]")
                && message.contains(SETTING);
        FaultsSummary.outage("Cassandra down past " + SETTING + ", then resumed",
                named && reference.equals(after) && resumed.slicesSkipped() > 0);
        assertTrue(named, () -> "names the server and the setting: " + message);
        assertTrue(message.contains("did not answer for"), message);
        assertTrue(resumed.slicesSkipped() > 0, "the next run skips the ranges checkpointed before the outage");
        assertTrue(resumed.slicesSkipped() < RewriteFixture.SCAN.rangeCount(), "and reads the others again");
        assertEquals(reference, after, "messages equals an uninterrupted run's: nothing missing or duplicated");
    }

    /** A fresh keyspace holding the seeded legacy journal. */
    private static String seeded(String prefix) throws Exception {
        String keyspace = RewriteFixture.keyspace(prefix + "_");
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("seed", KgActorSystem.config(
                RewriteFixture.settings(cassandra, keyspace), KgActorSystem.firstTimeBucketYesterday()));
        try {
            new DirectJournalWriter(session, keyspace, system.classicSystem(), 64).write(SEED, n -> { });
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        return keyspace;
    }

    /** Waits until the session reaches the restarted server again. */
    private static void awaitSession() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                session.execute("SELECT release_version FROM system.local");
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.recast.adapters.cassandra");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> logged) {
        synchronized (logged.list) {
            return logged.list.stream().filter(event -> event.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /**
     * Stops Cassandra once {@code afterEvents} were read: the reading threads wait at their next id until its process
     * has exited; then, if {@code restartAfter} is given, starts it again that much later, on another thread.
     */
    private static final class Outage implements RewriteProgress {
        private final long afterEvents;
        private final Duration restartAfter;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final CountDownLatch down = new CountDownLatch(1);
        private final CountDownLatch restarted = new CountDownLatch(1);
        private final AtomicLong downAt = new AtomicLong();
        private final AtomicLong upAt = new AtomicLong();

        Outage(long afterEvents, Duration restartAfter) {
            this.afterEvents = afterEvents;
            this.restartAfter = restartAfter;
        }

        @Override
        public void eventsRead(long eventsSoFar) {
            if (eventsSoFar < afterEvents) {
                return;
            }
            if (stopped.compareAndSet(false, true)) {
                Thread restarter = new Thread(this::stopAndRestart, "cassandra-outage");
                restarter.setDaemon(true);
                restarter.start();
            }
            try {
                down.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void sliceDone(int slicesDone, int slicesToRead, Duration elapsed) {
        }

        private void stopAndRestart() {
            cassandra.stop();
            downAt.set(System.nanoTime());
            down.countDown();
            if (restartAfter == null) {
                return;
            }
            try {
                Thread.sleep(restartAfter.toMillis());
                cassandra.start();
                upAt.set(System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                restarted.countDown();
            }
        }

        void awaitRestarted() throws InterruptedException {
            assertTrue(restarted.await(3, TimeUnit.MINUTES), "Cassandra was not restarted");
        }

        long downMillis() {
            return TimeUnit.NANOSECONDS.toMillis(upAt.get() - downAt.get());
        }
    }
}
