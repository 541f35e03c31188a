package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.ReindexJob;
import io.recast.kg.seed.SeedPlan;
import io.recast.projections.views.ViewVerification;
import io.recast.servers.LocalBlazegraph;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recast reindex rdf} while the service runs, on the real Cassandra and Blazegraph: the new namespace is
 * recorded as active and holds every entity's graph; the service's live projection, started before the reindex,
 * writes what comes after the switch into the new namespace (it reads the active one for each batch).
 */
@RealServers
class ReindexRdfIT {

    private static final SeedPlan SEED = SeedPlan.generate(800, 150, 47);

    @Test
    void aReindexOfTheRdfStoreWhileTheServiceWritesSwitchesTheNamespaceAndTheServiceFollowsIt(
            LocalCassandra cassandra, LocalElasticsearch es, LocalBlazegraph bg, @TempDir Path dir)
            throws Exception {
        try (ReindexUnderTest kg = new ReindexUnderTest("reindex_rdf_it", SEED, dir, cassandra, es, Optional.of(bg));
             ReindexUnderTest.Service service = kg.service()) {
            String before = kg.versions().active(kg.view()).orElseThrow().target();
            ReindexUnderTest.Writer writer = kg.writer(Duration.ofMillis(50));
            Thread.sleep(1_000);
            long writtenBefore = writer.events();

            MigrationUnderTest.Result reindex = kg.recast("reindex", "rdf");

            long writtenDuring = writer.events() - writtenBefore;
            long afterSwitch = writer.events();
            Thread.sleep(3_000);
            writer.close();
            service.awaitCaughtUp(Duration.ofSeconds(60));

            assertEquals(0, reindex.exit(), reindex.output());
            ReindexJob job = kg.latestJob().orElseThrow();
            assertEquals(JobState.DONE, job.state());
            String active = kg.versions().active(kg.view()).orElseThrow().target();
            assertEquals("reindex_rdf_it_v2", active, "the job's namespace is recorded as active");
            assertEquals(job.target(), active);
            assertTrue(writtenDuring > 0, "the service wrote while the reindex ran");
            List<ViewVerification.Finding> findings = kg.verify();
            assertTrue(findings.get(0).clean(), "the new namespace holds every graph of the journal: "
                    + findings.get(0));
            Set<String> createdAfterSwitch = writer.createdAfter(afterSwitch);
            assertTrue(createdAfterSwitch.size() > 3, "resources created after the switch: " + createdAfterSwitch);
            assertTrue(kg.graphs(active).containsAll(createdAfterSwitch), "the service wrote them into the new"
                    + " namespace");
            assertTrue(kg.graphs(before).stream().noneMatch(createdAfterSwitch::contains), "and not into the old one");
        }
    }
}
