package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.ReindexJob;
import io.recast.kg.seed.SeedPlan;
import io.recast.projections.views.ViewVerification;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recast reindex elasticsearch} while the service runs, on the real Cassandra and Elasticsearch: a writer keeps
 * adding events through the v1.1 service's entities and queries keep reading through the alias; the reindex ends
 * with the alias on the new index, which holds the effect of every event of the journal (before, during and after
 * the reindex) and never failed a query; the service's live projection, which was started before the reindex,
 * writes what comes after the switch into the new index.
 */
@RealServers
class ReindexIT {

    private static final SeedPlan SEED = SeedPlan.generate(2_000, 300, 41);
    private static final double MAX_RATE = 500;
    private static final Pattern REPLAY = Pattern.compile("replay: (\\d+) events in ([\\d.]+) s \\((\\d+) events/s");

    @Test
    void aReindexWhileTheServiceWritesEndsWithTheAliasOnANewIndexHoldingEveryEventAndNoQueryFailed(
            LocalCassandra cassandra, LocalElasticsearch es, @TempDir Path dir) throws Exception {
        try (ReindexUnderTest kg = new ReindexUnderTest("reindex_it", SEED, dir, cassandra, es);
             ReindexUnderTest.Service service = kg.service()) {
            String before = kg.aliasTarget();
            assertEquals(1, service.projections(), "the migration's live projection follows the read model");
            ReindexUnderTest.Queries queries = kg.queries();
            ReindexUnderTest.Writer writer = kg.writer(Duration.ofMillis(40));
            Thread.sleep(1_000);
            long journalRows = kg.session().execute("SELECT count(*) FROM reindex_it.messages").one().getLong(0);
            long writtenBefore = writer.events();
            long queriedBefore = queries.ran();

            MigrationUnderTest.Result reindex = kg.recast("reindex", "elasticsearch", "--max-rate",
                    String.valueOf((int) MAX_RATE));

            long writtenDuring = writer.events() - writtenBefore;
            long queriedDuring = queries.ran() - queriedBefore;
            String switched = kg.aliasTarget();
            long afterSwitch = writer.events();
            Thread.sleep(3_000); // the writer goes on after the switch; only the service's live projection runs now
            writer.close();
            service.awaitCaughtUp(Duration.ofSeconds(60));
            queries.close();

            assertEquals(0, reindex.exit(), reindex.output());
            ReindexJob job = kg.latestJob().orElseThrow();
            assertEquals(JobState.DONE, job.state());
            assertEquals(kg.alias() + "_v2", switched, "the alias moved to the job's new index");
            assertEquals(job.target(), switched);
            assertTrue(writtenDuring > 0 && queriedDuring > 0, "the service wrote (" + writtenDuring + " events) and"
                    + " was queried (" + queriedDuring + " queries) while the reindex ran");
            assertEquals(0, queries.failed(), "queries through the alias that failed: " + queries.failures());

            List<ViewVerification.Finding> findings = kg.verify();
            assertEquals(1, findings.size());
            assertEquals(switched, findings.get(0).target());
            assertTrue(findings.get(0).clean(), "the new index holds every entity of the journal at its last"
                    + " revision: " + findings.get(0));

            Set<String> createdAfterSwitch = writer.createdAfter(afterSwitch);
            assertTrue(createdAfterSwitch.size() > 3, "resources created after the switch: " + createdAfterSwitch);
            assertTrue(kg.ids(switched).containsAll(createdAfterSwitch), "the service wrote them into the new index");
            assertTrue(kg.ids(before).stream().noneMatch(createdAfterSwitch::contains),
                    "and not into the old one, which stays for rollback");

            Matcher replay = REPLAY.matcher(reindex.output());
            assertTrue(replay.find(), reindex.output());
            long rows = Long.parseLong(replay.group(1));
            double seconds = Double.parseDouble(replay.group(2));
            assertTrue(rows >= journalRows, "the replay read the whole journal (" + journalRows + " rows when it"
                    + " started): " + rows);
            assertTrue(rows / seconds <= MAX_RATE * 1.1, "the replay kept to --max-rate " + MAX_RATE + ": "
                    + rows + " events in " + seconds + " s");
            System.out.printf("reindex figures: %d events replayed in %.1f s (limit %.0f/s), %d events written and"
                    + " %d queries during the reindex, %d queries in all, 0 failed%n", rows, seconds, MAX_RATE,
                    writtenDuring, queriedDuring, queries.ran());
        }
    }
}
