package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.jobs.JobAction;
import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.ReindexJob;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReindexStartTest {

    private static final String VIEW = "elasticsearch:kg_resources";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryReindexJobs jobs = new InMemoryReindexJobs();

    private ReindexStart.Choice reindex(Optional<String> resume, Instant at) {
        return ReindexStart.choose(jobs, resume.isPresent() ? Optional.empty() : Optional.of(VIEW), resume,
                OptionalDouble.of(500), at);
    }

    @Test
    void aFirstReindexStartsARunningJobNamedAfterTheReadModelAndTheTime() {
        ReindexStart.Choice choice = reindex(Optional.empty(), T0);

        assertEquals("reindex-elasticsearch-kg-resources-20260301-100000", choice.job().id());
        assertEquals(JobState.RUNNING, jobs.find(choice.job().id()).orElseThrow().state());
        assertEquals(500, choice.job().maxRate().getAsDouble());
    }

    @Test
    void reindexingAgainWhileTheFirstProcessBeatsIsRefusedNamingTheJob() {
        String id = reindex(Optional.empty(), T0).job().id();

        ReindexStart.Refused refused = assertThrows(ReindexStart.Refused.class,
                () -> reindex(Optional.empty(), T0.plusSeconds(2)));

        assertTrue(refused.getMessage().contains(id) && refused.getMessage().contains("another process"),
                refused.getMessage());
    }

    @Test
    void reindexingAgainAfterTheProcessWentSilentResumesTheSameJob() {
        String id = reindex(Optional.empty(), T0).job().id();

        ReindexStart.Choice again = reindex(Optional.empty(), T0.plus(ReindexStart.SILENCE).plusSeconds(1));

        assertEquals(id, again.job().id());
        assertTrue(again.said().contains("abandoned"), again.said());
        assertEquals(T0.plus(ReindexStart.SILENCE).plusSeconds(1), jobs.find(id).orElseThrow().heartbeat(),
                "the resuming process beats at once, so a third one is refused");
    }

    @Test
    void resumeByIdRunsAPausedJobAgainAndRefusesACancelledOne() {
        String paused = reindex(Optional.empty(), T0).job().id();
        jobs.transition(paused, JobAction.PAUSE, T0.plusSeconds(1), "test");

        ReindexStart.Choice resumed = reindex(Optional.of(paused), T0.plusSeconds(2));

        assertEquals(JobState.RUNNING, resumed.job().state());
        jobs.transition(paused, JobAction.CANCEL, T0.plusSeconds(3), "test");
        ReindexStart.Refused refused = assertThrows(ReindexStart.Refused.class,
                () -> reindex(Optional.of(paused), T0.plusSeconds(30)));
        assertTrue(refused.getMessage().contains("cancelled"), refused.getMessage());
    }

    @Test
    void aReindexAfterACancelledJobStartsANewOne() {
        String cancelled = reindex(Optional.empty(), T0).job().id();
        jobs.transition(cancelled, JobAction.CANCEL, T0.plusSeconds(1), "test");

        ReindexStart.Choice next = reindex(Optional.empty(), T0.plusSeconds(60));

        assertNotEquals(cancelled, next.job().id());
        assertEquals(JobState.RUNNING, next.job().state());
    }

    @Test
    void aJobStartedInTheSameSecondAsACancelledOneGetsAnIdOfItsOwn() {
        String cancelled = reindex(Optional.empty(), T0).job().id();
        jobs.transition(cancelled, JobAction.CANCEL, T0, "test");

        String next = reindex(Optional.empty(), T0).job().id();

        assertEquals(cancelled + "-2", next);
        assertEquals(JobState.CANCELLED, jobs.find(cancelled).orElseThrow().state());
    }

    @Test
    void resumingAnUnknownJobIsRefusedPointingAtTheList() {
        ReindexStart.Refused refused = assertThrows(ReindexStart.Refused.class,
                () -> reindex(Optional.of("no-such-job"), T0));

        assertTrue(refused.getMessage().contains("recast jobs list"), refused.getMessage());
    }
}
