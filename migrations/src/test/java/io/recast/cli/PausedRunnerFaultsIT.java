package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.RecastTables;
import io.recast.faults.FaultsSummary;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing with a paused runner: {@code recast migrate} runs in another JVM and is paused with SIGSTOP in the middle of
 * the journal rewrite (or of the tag view rebuild, or of the replay into Elasticsearch), longer than its lock's lease
 * (4 s); a second runner takes the lock over and migrates the journal to the end; then the first one is resumed with
 * SIGCONT. It must find that it lost the lock and stop without writing anything more (no journal row, backup row, tag
 * view row, checkpoint or offset written after it resumed, no document indexed), and the journal must equal that of
 * one uninterrupted migration. Part of the fault-injection suite ({@code mvn verify -Pfaults}).
 */
@RealServers
@ExtendWith(FaultsSummary.class)
class PausedRunnerFaultsIT {

    private static final SeedPlan SEED = SeedPlan.generate(20_000, 1_500, 23);
    private static final String RUN_ID = "migrate-1.0-1.1";
    private static final String TAG_VIEWS_RUN_ID = RUN_ID + "-tag-views";

    @TempDir
    static Path dir;

    private static int port;
    private static CqlSession session;
    private static ActorSystem<SpawnProtocol.Command> system;
    private static Map<String, Object> reference;

    @BeforeAll
    static void migrateWithoutAPause(LocalCassandra cassandra) throws Exception {
        port = cassandra.nativePort();
        CassandraSettings settings = CassandraSettings.local("127.0.0.1", port, LocalCassandra.DATACENTER, "system");
        session = CassandraSessions.open(settings);
        system = KgActorSystem.start("paused-it", KgActorSystem.config(settings,
                KgActorSystem.firstTimeBucketYesterday()));
        Path config = journal("paused_ref");
        MigrationUnderTest.Result done = MigrationUnderTest.recast("--config", config.toString(), "migrate",
                "--from", "1.0", "--to", "1.1", "--yes");
        assertEquals(0, done.exit(), done.output());
        done.output().lines().filter(line -> line.contains("tag views rebuilt by"))
                .forEach(line -> System.out.println("uninterrupted migration:" + line));
        reference = MigrationUnderTest.journalState(session, "paused_ref");
    }

    @AfterAll
    static void close() throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (session != null) {
            session.close();
        }
    }

    @Test
    void aRunnerPausedPastItsLeaseStopsWritingOnceResumedAndTheJournalEqualsOneMigration() throws Exception {
        String keyspace = "paused_run";
        Path config = journal(keyspace);
        Path log = dir.resolve(keyspace + ".log");
        Process paused = runner(config, log);
        try {
            assertTrue(awaitFirstCheckpoint(paused, keyspace), () -> "the rewrite did not start:\n" + read(log));
            signal("STOP", paused);
            Thread.sleep(8_000); // twice the lease of 4 s

            MigrationUnderTest.Result second = MigrationUnderTest.recast("--config", config.toString(), "migrate",
                    "--from", "1.0", "--to", "1.1");
            assertEquals(0, second.exit(), second.output());
            Map<String, Object> afterSecond = MigrationUnderTest.journalState(session, keyspace);

            Instant resumedAt = Instant.now();
            signal("CONT", paused);
            assertTrue(paused.waitFor(3, TimeUnit.MINUTES), "the resumed runner did not end");
            String output = read(log);
            Map<String, Object> afterResume = MigrationUnderTest.journalState(session, keyspace);
            Instant lastWrite = lastWrite(keyspace);

            boolean fenced = paused.exitValue() != 0 && output.contains("stopped writing")
                    && lastWrite.isBefore(resumedAt);
            FaultsSummary.outage("runner paused past its lease while rewriting",
                    fenced && reference.equals(afterSecond) && reference.equals(afterResume));
            System.out.printf("paused runner: resumed at %s, last write to messages, backup and checkpoints at %s;"
                    + " exit %d%n", resumedAt, lastWrite, paused.exitValue());
            assertNotEquals(0, paused.exitValue(), output);
            assertTrue(output.contains("Lost migration lock") && output.contains("stopped writing"),
                    () -> "the resumed runner says it lost the lock:\n" + output);
            assertTrue(lastWrite.isBefore(resumedAt), () -> "the resumed runner wrote at " + lastWrite
                    + ", after it resumed at " + resumedAt);
            assertEquals(reference, afterSecond, "the second runner's migration equals an uninterrupted one");
            assertEquals(reference, afterResume, "the resumed runner changed nothing");
        } finally {
            paused.destroyForcibly();
        }
    }

    @Test
    void aRunnerPausedDuringTheTagViewRebuildStopsWritingTagViewsCheckpointsAndOffsetsOnceResumed() throws Exception {
        String keyspace = "paused_tags";
        Path config = journal(keyspace);
        Path log = dir.resolve(keyspace + ".log");
        Process paused = runner(config, log);
        try {
            assertTrue(awaitFirstTagViewRange(paused, keyspace), () -> "the tag view rebuild did not start:\n"
                    + read(log));
            signal("STOP", paused);
            int rangesDoneAtPause = tagViewRangesDone(keyspace);
            int ranges = tagViewRangeCount(keyspace); // read now: the second runner forgets them when it is done
            Thread.sleep(8_000); // twice the lease of 4 s

            MigrationUnderTest.Result second = MigrationUnderTest.recast("--config", config.toString(), "migrate",
                    "--from", "1.0", "--to", "1.1");
            assertEquals(0, second.exit(), second.output());
            Map<String, Object> afterSecond = MigrationUnderTest.journalState(session, keyspace);

            Instant resumedAt = Instant.now();
            long resumed = System.nanoTime();
            signal("CONT", paused);
            assertTrue(paused.waitFor(3, TimeUnit.MINUTES), "the resumed runner did not end");
            double exitedAfter = (System.nanoTime() - resumed) / 1e9;
            String output = read(log);
            Map<String, Object> afterResume = MigrationUnderTest.journalState(session, keyspace);
            Instant lastWrite = lastTagViewWrite(keyspace);

            boolean fenced = paused.exitValue() != 0 && output.contains("stopped writing")
                    && lastWrite.isBefore(resumedAt);
            FaultsSummary.outage("runner paused past its lease while rebuilding tag views",
                    fenced && reference.equals(afterSecond) && reference.equals(afterResume));
            System.out.printf("paused runner (tag views): paused with %d of %d token ranges rebuilt; resumed at %s,"
                    + " last write to tag_views, tag_write_progress, tag_scanning, the checkpoints and offset_store"
                    + " at %s (%.1f s before it resumed); exit %d %.1f s after it resumed%n", rangesDoneAtPause,
                    ranges, resumedAt, lastWrite,
                    java.time.Duration.between(lastWrite, resumedAt).toMillis() / 1000.0, paused.exitValue(),
                    exitedAfter);
            assertTrue(output.contains("step rebuild tag views"), output);
            output.lines().filter(line -> line.contains("Lost migration lock"))
                    .forEach(line -> System.out.println("paused runner (tag views) said: " + line));
            assertTrue(rangesDoneAtPause < ranges, "paused before the rebuild's end");
            assertNotEquals(0, paused.exitValue(), output);
            assertTrue(output.contains("Lost migration lock") && output.contains("stopped writing"),
                    () -> "the resumed runner says it lost the lock:\n" + output);
            Map<String, Instant> lastWrites = lastTagViewWrites(keyspace);
            System.out.println("paused runner (tag views): last writes " + lastWrites);
            assertTrue(lastWrite.isBefore(resumedAt), () -> "the resumed runner wrote at " + lastWrite
                    + ", after it resumed at " + resumedAt + " (last writes " + lastWrites + "):\n" + output);
            assertEquals(reference, afterSecond, "the second runner's migration equals an uninterrupted one");
            assertEquals(reference, afterResume, "the resumed runner changed nothing");
        } finally {
            paused.destroyForcibly();
        }
    }

    @Test
    void aRunnerPausedDuringTheReplayStopsWritingOffsetsAndDocumentsOnceResumed(LocalElasticsearch es)
            throws Exception {
        String keyspace = "paused_views";
        Path config = journal(keyspace, "recast.views.enabled = \"elasticsearch\"\n"
                + "recast.elasticsearch.url = \"" + es.url() + "\"\n");
        Path log = dir.resolve(keyspace + ".log");
        Process paused = runner(config, log);
        try {
            assertTrue(awaitFirstReplayOffset(paused, keyspace), () -> "the replay did not start:\n" + read(log));
            signal("STOP", paused);
            int rangesDoneAtPause = replayOffsets(keyspace);
            Thread.sleep(8_000); // twice the lease of 4 s

            MigrationUnderTest.Result second = MigrationUnderTest.recast("--config", config.toString(), "migrate",
                    "--from", "1.0", "--to", "1.1");
            assertEquals(0, second.exit(), second.output());
            long[] indexedBefore = indexingOps(es, keyspace);

            Instant resumedAt = Instant.now();
            long resumed = System.nanoTime();
            signal("CONT", paused);
            assertTrue(paused.waitFor(3, TimeUnit.MINUTES), "the resumed runner did not end");
            double exitedAfter = (System.nanoTime() - resumed) / 1e9;
            String output = read(log);
            long[] indexedAfter = indexingOps(es, keyspace);
            Instant lastOffset = lastTagViewWrites(keyspace).get("offset_store");

            // a request handed to Elasticsearch's client before the pause may still be sent after it (the sink's own
            // retries and the client's queue are not fenced): it carries documents the second runner wrote at the
            // same revisions, refused as stale; no document may change
            boolean fenced = paused.exitValue() != 0 && output.contains("stopped writing")
                    && lastOffset.isBefore(resumedAt) && indexedBefore[0] == indexedAfter[0];
            FaultsSummary.outage("runner paused past its lease while replaying into the read models", fenced);
            System.out.printf("paused runner (replay): paused once %d of 8 slices had stored an offset; resumed at"
                    + " %s, last offset written at %s (%.1f s before it resumed); index operations (indexed, failed) %s"
                    + " before it resumed, %s after it ended; exit %d %.1f s after it resumed%n", rangesDoneAtPause,
                    resumedAt, lastOffset, java.time.Duration.between(lastOffset, resumedAt).toMillis() / 1000.0,
                    java.util.Arrays.toString(indexedBefore), java.util.Arrays.toString(indexedAfter),
                    paused.exitValue(), exitedAfter);
            output.lines().filter(line -> line.startsWith("recast: "))
                    .forEach(line -> System.out.println("paused runner (replay) said: " + line));
            assertTrue(output.contains("step replay projections"), output);
            assertNotEquals(0, paused.exitValue(), output);
            assertTrue(output.contains("Lost migration lock") && output.contains("stopped writing"),
                    () -> "the resumed runner says it lost the lock:\n" + output);
            assertTrue(lastOffset.isBefore(resumedAt), () -> "the resumed runner stored an offset at " + lastOffset
                    + ", after it resumed at " + resumedAt + ":\n" + output);
            assertEquals(indexedBefore[0], indexedAfter[0], "the resumed runner indexed no document: "
                    + java.util.Arrays.toString(indexedBefore) + " -> " + java.util.Arrays.toString(indexedAfter));
        } finally {
            paused.destroyForcibly();
        }
    }

    /** Waits until the runner stored the offset of its first replayed range; false if it ended. */
    private static boolean awaitFirstReplayOffset(Process runner, String keyspace) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (runner.isAlive() && System.nanoTime() < deadline) {
            try {
                if (replayOffsets(keyspace) > 0) {
                    return true;
                }
            } catch (RuntimeException tableNotThereYet) {
                // the runner creates it
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The slices (projections) of the replay that stored an offset. */
    private static int replayOffsets(String keyspace) {
        int slices = 0;
        for (Row row : session.execute("SELECT projection_name FROM " + keyspace + ".offset_store")) {
            if (row.getString(0).equals("recast-views-" + RUN_ID + "-views")) {
                slices++;
            }
        }
        return slices;
    }

    /** Index operations on the keyspace's indexes: {indexed, failed (version conflicts among them)}. */
    private static long[] indexingOps(LocalElasticsearch es, String keyspace) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(es.url() + "/" + keyspace
                        + "_resources_v*/_stats/indexing")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        com.fasterxml.jackson.databind.JsonNode indexing = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body()).path("_all").path("total").path("indexing");
        return new long[] {indexing.path("index_total").asLong(), indexing.path("index_failed").asLong()};
    }

    /** {@code recast migrate} in a JVM of its own, its output into {@code log}. */
    private static Process runner(Path config, Path log) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"), RecastCli.class.getName(),
                "--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--yes")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the runner checkpointed its first tag view range (the rebuild is under way); false if it ended. */
    private static boolean awaitFirstTagViewRange(Process runner, String keyspace) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (runner.isAlive() && System.nanoTime() < deadline) {
            try {
                if (tagViewRangesDone(keyspace) > 0) {
                    return true;
                }
            } catch (RuntimeException tableNotThereYet) {
                // the runner creates it
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The tag view ranges checkpointed by the migration's rebuild. */
    private static int tagViewRangesDone(String keyspace) {
        return session.execute("SELECT slice FROM " + keyspace + "." + RecastTables.CHECKPOINT
                + " WHERE run_id = ? AND slice >= 0", TAG_VIEWS_RUN_ID).all().size();
    }

    /** How many ranges the migration's tag view rebuild has (it records the number as a negative slice). */
    private static int tagViewRangeCount(String keyspace) {
        Row row = session.execute("SELECT slice FROM " + keyspace + "." + RecastTables.CHECKPOINT
                + " WHERE run_id = ? AND slice < 0 LIMIT 1", TAG_VIEWS_RUN_ID).one();
        return row == null ? -1 : -row.getInt(0);
    }

    /**
     * The latest write time of any cell the tag view rebuild writes: the tag tables, the checkpoints (every run's)
     * and Pekko Projection's offsets; also messages and the backup.
     */
    private static Instant lastTagViewWrite(String keyspace) {
        return lastTagViewWrites(keyspace).values().stream().max(Instant::compareTo).orElseThrow();
    }

    /** The latest write time of each table that {@link #lastTagViewWrite} looks at. */
    private static Map<String, Instant> lastTagViewWrites(String keyspace) {
        Map<String, Instant> last = new java.util.TreeMap<>();
        last.put("messages, backup, checkpoints", lastWrite(keyspace));
        for (String[] query : new String[][] {
                {"tag_views", "event"}, {"tag_write_progress", "sequence_nr"}, {"tag_scanning", "sequence_nr"},
                {"offset_store", "offset"}}) {
            long micros = 0;
            for (Row row : session.execute("SELECT writetime(" + query[1] + ") FROM " + keyspace + "." + query[0])) {
                if (!row.isNull(0)) {
                    micros = Math.max(micros, row.getLong(0));
                }
            }
            last.put(query[0], Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1_000));
        }
        return last;
    }

    /** A fresh keyspace with the seeded legacy journal, and a config with a short lease and no read models. */
    private static Path journal(String keyspace) throws IOException {
        return journal(keyspace, "recast.views.enabled = \"\"\n");
    }

    /** The same, with {@code views} configuring the read models. */
    private static Path journal(String keyspace, String views) throws IOException {
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        new DirectJournalWriter(session, keyspace, system.classicSystem(), 64).write(SEED, n -> { });
        Path config = dir.resolve(keyspace + ".conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + port + "\"\n"
                + "recast.cassandra.keyspace = " + keyspace + "\n"
                + "recast.preflight.at-rest-seconds = 0\n"
                + views
                + "recast.lock.lease = 4s\n"
                + "recast.lock.wait = 60s\n");
        return config;
    }

    /** Waits until the runner checkpointed its first token range (the rewrite is under way); false if it ended. */
    private static boolean awaitFirstCheckpoint(Process runner, String keyspace) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (runner.isAlive() && System.nanoTime() < deadline) {
            try {
                if (session.execute("SELECT slice FROM " + keyspace + "." + RecastTables.CHECKPOINT
                        + " WHERE run_id = ? LIMIT 1", RUN_ID).one() != null) {
                    return true;
                }
            } catch (RuntimeException tableNotThereYet) {
                // the runner creates it
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The latest write time of any cell in messages, the backup and the checkpoints. */
    private static Instant lastWrite(String keyspace) {
        long micros = 0;
        for (String query : new String[] {
                "SELECT writetime(event) FROM " + keyspace + ".messages",
                "SELECT writetime(event) FROM " + keyspace + "." + RecastTables.messagesBackup("1.0"),
                "SELECT writetime(done_at) FROM " + keyspace + "." + RecastTables.CHECKPOINT}) {
            for (Row row : session.execute(query)) {
                if (!row.isNull(0)) {
                    micros = Math.max(micros, row.getLong(0));
                }
            }
        }
        return Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1_000);
    }

    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    private static String read(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }
}
